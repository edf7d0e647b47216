package dev.llmgateway.router.config;

import dev.llmgateway.cost.event.RabbitSettings;
import dev.llmgateway.cost.alert.AlertSettings;
import dev.llmgateway.cost.anomaly.AnomalySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code cost.*}: the usage event bus, the broker, the spool, raw-usage retention, prices, budgets and alerts. */
final class CostConfig {

    private CostConfig() {
    }

    static GatewayConfig.Cost read(ConfigReader r, Path dataDir) {
        GatewayConfig.Cost d = GatewayConfig.Cost.defaults(dataDir);
        String bus = r.string("cost.bus", "in-process").toLowerCase(Locale.ROOT);
        if (!bus.equals("in-process") && !bus.equals("rabbitmq")) {
            r.problem("cost.bus", "must be in-process or rabbitmq, got '" + bus + "'");
        }
        RabbitSettings rabbit = new RabbitSettings(
                r.string("cost.rabbitmq.host", d.rabbit().host()),
                r.integer("cost.rabbitmq.port", d.rabbit().port(), 1, 65535),
                r.string("cost.rabbitmq.username", d.rabbit().username()),
                r.string("cost.rabbitmq.password", d.rabbit().password()),
                r.string("cost.rabbitmq.virtual-host", d.rabbit().virtualHost()),
                r.string("cost.rabbitmq.queue", d.rabbit().queue()));
        GatewayConfig.Cost.Budgets budgets = new GatewayConfig.Cost.Budgets(
                r.integer("cost.budgets.default-output-tokens", d.budgets().defaultOutputTokens(), 1, 10_000_000),
                r.duration("cost.budgets.hold-ttl", d.budgets().holdTtl()));
        return new GatewayConfig.Cost(bus.equals("rabbitmq"), rabbit, r.bool("cost.consume", true),
                Path.of(r.string("cost.spool-dir", d.spoolDir().toString())),
                r.duration("cost.retention", d.retention()), r.optionalString("cost.price-book").map(Path::of),
                budgets, alerts(r), anomaly(r));
    }

    /** {@code cost.anomaly.*}: how often and against what baseline hourly spend is checked for spikes. */
    private static AnomalySettings anomaly(ConfigReader r) {
        AnomalySettings d = AnomalySettings.DEFAULTS;
        String minUsd = r.string("cost.anomaly.min-usd", d.minUsd().toPlainString());
        java.math.BigDecimal min = d.minUsd();
        try {
            min = new java.math.BigDecimal(minUsd.trim());
        } catch (NumberFormatException e) {
            r.problem("cost.anomaly.min-usd", "must be an amount of US dollars such as 1.00, got '" + minUsd + "'");
        }
        return new AnomalySettings(r.duration("cost.anomaly.check-every", d.checkEvery()),
                r.duration("cost.anomaly.baseline", d.baseline()), r.duration("cost.anomaly.min-history", d.minHistory()),
                r.number("cost.anomaly.sigmas", d.sigmas(), 0, 100), r.number("cost.anomaly.ratio", d.ratio(), 1, 1000),
                min);
    }

    /** {@code cost.alerts.*}: webhooks and e-mail addresses for every alert, the SMTP server, the delivery timeout. */
    private static AlertSettings alerts(ConfigReader r) {
        List<String> webhooks = r.strings("cost.alerts.webhooks", List.of());
        for (String url : webhooks) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                r.problem("cost.alerts.webhooks", "must be http or https URLs, got '" + url + "'");
            }
        }
        Optional<AlertSettings.Smtp> smtp = r.optionalString("cost.alerts.smtp.host").map(host ->
                new AlertSettings.Smtp(host, r.integer("cost.alerts.smtp.port", 25, 1, 65535),
                        r.string("cost.alerts.smtp.from", "llm-gateway@localhost")));
        if (smtp.isEmpty()) {
            r.ignore("cost.alerts.smtp.port");
            r.ignore("cost.alerts.smtp.from");
        }
        return new AlertSettings(webhooks, r.strings("cost.alerts.emails", List.of()), smtp,
                r.duration("cost.alerts.timeout", AlertSettings.NONE.timeout()));
    }
}
