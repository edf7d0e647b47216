package dev.llmgateway.router.server;

import dev.llmgateway.router.pipeline.GatewayExchange;
import io.helidon.webserver.http.ServerRequest;
import java.util.logging.Logger;

/**
 * One line per request on the {@code llmgw.access} logger: who, what, where it went and why (the
 * routing explanation of {@code x-gateway-route}), tokens, time.
 */
final class AccessLog {

    private static final Logger LOG = Logger.getLogger("llmgw.access");

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    void record(ServerRequest req, String requestId, int status, GatewayExchange exchange, long nanos) {
        if (!enabled || !LOG.isLoggable(java.util.logging.Level.INFO)) {
            return;
        }
        StringBuilder sb = new StringBuilder(160);
        sb.append("rid=").append(requestId)
                .append(' ').append(req.prologue().method().text()).append(' ').append(req.path().path())
                .append(" status=").append(status);
        if (exchange != null) {
            exchange.caller().ifPresent(c -> sb.append(" key=").append(c.name()));
            exchange.request().ifPresent(r -> sb.append(" model=").append(r.model())
                    .append(" stream=").append(r.stream()));
            exchange.servedBy().ifPresent(t -> sb.append(" upstream=").append(t.id())
                    .append(" attempts=").append(exchange.attempts())
                    .append(" route=\"").append(t.reason().replace('"', '\'')).append('"'));
            exchange.usage().ifPresent(u -> sb.append(" in=").append(u.inputTokens())
                    .append(" out=").append(u.outputTokens()));
            if (!exchange.outcome().isEmpty()) {
                sb.append(" outcome=").append(exchange.outcome());
            }
        }
        sb.append(" ms=").append(nanos / 1_000_000);
        LOG.info(sb.toString());
    }
}
