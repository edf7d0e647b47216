package dev.llmgateway.cost.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.usage.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The wire form of a usage event (broker messages and spool lines): one JSON object with
 * {@code "v": 1}; the cost as a decimal string so no binary floating point ever touches money.
 */
public final class UsageJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageJson() {
    }

    public static byte[] bytes(UsageEvent e) {
        ObjectNode o = JSON.createObjectNode().put("v", 1).put("id", e.id()).put("occurred_at", e.occurredAt().toString())
                .put("request_id", e.requestId()).put("org_id", e.orgId()).put("team_id", e.teamId())
                .put("key_id", e.keyId()).put("user_id", e.userId()).put("model", e.model())
                .put("provider", e.provider()).put("account", e.account());
        o.putObject("tokens").put("input", e.tokens().input()).put("output", e.tokens().output())
                .put("cache_write", e.tokens().cacheWrite()).put("cache_read", e.tokens().cacheRead())
                .put("reasoning", e.tokens().reasoning());
        o.put("cost_usd", e.costUsd().toPlainString()).put("unpriced", e.unpriced()).put("latency_ms", e.latencyMillis())
                .put("status", e.status()).put("outcome", e.outcome()).put("routing_reason", e.routingReason())
                .put("cache_hit", e.cacheHit());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses one event; throws {@link MalformedEvent} for anything that is not a complete version-1 event. */
    public static UsageEvent parse(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            if (o == null || !o.isObject() || o.path("v").asInt() != 1) {
                throw new MalformedEvent("not a version-1 usage event");
            }
            JsonNode t = o.path("tokens");
            return new UsageEvent(text(o, "id"), Instant.parse(text(o, "occurred_at")), text(o, "request_id"),
                    text(o, "org_id"), text(o, "team_id"), text(o, "key_id"), text(o, "user_id"), text(o, "model"),
                    text(o, "provider"), text(o, "account"), new UsageEvent.Tokens(t.path("input").asLong(),
                    t.path("output").asLong(), t.path("cache_write").asLong(), t.path("cache_read").asLong(),
                    t.path("reasoning").asLong()), new BigDecimal(text(o, "cost_usd")), o.path("unpriced").asBoolean(),
                    o.path("latency_ms").asLong(), o.path("status").asInt(), text(o, "outcome"),
                    text(o, "routing_reason"), o.path("cache_hit").asBoolean());
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEvent m) {
                throw m;
            }
            throw new MalformedEvent("unreadable usage event: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new MalformedEvent("usage event without '" + field + "'");
        }
        return n.asText();
    }

    /** A message that is not a usage event; it goes to the dead-letter queue, never retried. */
    public static final class MalformedEvent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEvent(String message) {
            super(message, null, false, false);
        }
    }
}
