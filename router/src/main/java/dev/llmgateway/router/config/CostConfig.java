package dev.llmgateway.router.config;

import dev.llmgateway.cost.event.RabbitSettings;
import java.nio.file.Path;
import java.util.Locale;

/** Reads {@code cost.*}: the usage event bus, the broker, the spool and raw-usage retention. */
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
        return new GatewayConfig.Cost(bus.equals("rabbitmq"), rabbit, r.bool("cost.consume", true),
                Path.of(r.string("cost.spool-dir", d.spoolDir().toString())),
                r.duration("cost.retention", d.retention()));
    }
}
