package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How the admin commands show the admin API's JSON as tables; pure functions, unit tested. */
final class AdminViews {

    private AdminViews() {
    }

    static String accounts(Iterable<JsonNode> accounts) {
        Table t = Table.of("ACCOUNT", "TYPE", "STATUS", "PRI", "WEIGHT", "IN-FLIGHT", "LATENCY", "KEY", "MODELS",
                "REASON");
        for (JsonNode a : accounts) {
            JsonNode latency = a.path("latency_ewma_ms");
            t.row(a.path("id").asText(), AdminCommand.text(a.path("type")), a.path("status").asText(),
                    a.path("priority").asInt(), a.path("weight").asInt(), a.path("in_flight").asInt(),
                    latency.isNumber() ? Math.round(latency.asDouble()) + " ms" : "",
                    AdminCommand.text(a.path("key_hint")), models(a.path("models")), reason(a));
        }
        return t.render();
    }

    /** Why an account is not healthy: its disabled reason, else the first unhealthy model's. */
    static String reason(JsonNode account) {
        String disabled = AdminCommand.text(account.path("disabled_reason"));
        if (!disabled.isEmpty()) {
            return disabled;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = account.path("health").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode h = e.getValue();
            if (!"healthy".equals(h.path("status").asText())) {
                String until = AdminCommand.text(h.path("until"));
                return e.getKey() + ": " + h.path("reason").asText() + (until.isEmpty() ? "" : " (until " + until + ")");
            }
        }
        return "";
    }

    private static String models(JsonNode models) {
        if (!models.isArray() || models.isEmpty()) {
            return "all";
        }
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.asText()));
        return String.join(",", names);
    }

    static String status(JsonNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append("llm-gateway ").append(s.path("version").asText()).append(", up ")
                .append(duration(s.path("uptime_seconds").asLong())).append(" (since ")
                .append(s.path("started_at").asText()).append(")\n");
        sb.append("client keys: ").append(s.path("client_keys").asInt()).append("\n\n");
        Table t = Table.of("PROVIDER", "TYPE", "HOST", "ACCOUNTS", "HEALTHY", "COOLING", "OPEN", "HALF-OPEN", "DISABLED");
        for (JsonNode p : s.path("providers")) {
            JsonNode a = p.path("accounts");
            t.row(p.path("name").asText(), p.path("type").asText(), p.path("host").asText(), a.path("total").asInt(),
                    a.path("healthy").asInt(), a.path("cooling_down").asInt(), a.path("circuit_open").asInt(),
                    a.path("half_open").asInt(), a.path("disabled").asInt());
        }
        return sb.append(t.render()).toString();
    }

    static String stats(JsonNode s) {
        StringBuilder sb = new StringBuilder("since ").append(s.path("since").asText()).append("\n\n");
        sb.append(counters("ACCOUNT", "id", s.path("accounts"))).append('\n');
        sb.append(counters("PROVIDER", "name", s.path("providers")));
        return sb.toString();
    }

    private static String counters(String first, String key, JsonNode rows) {
        Table t = Table.of(first, "REQUESTS", "OK", "FAILED", "CREDENTIALS", "RATE-LIMITED", "SERVER", "CLIENT",
                "FAILOVERS");
        for (JsonNode r : rows) {
            JsonNode f = r.path("failures");
            t.row(r.path(key).asText(), r.path("requests").asLong(), r.path("successes").asLong(),
                    f.path("total").asLong(), f.path("credentials").asLong(), f.path("rate_limited").asLong(),
                    f.path("server").asLong(), f.path("client").asLong(), r.path("failovers").asLong());
        }
        return t.render();
    }

    static String healthCheck(JsonNode body) {
        Table t = Table.of("ACCOUNT", "OUTCOME", "HTTP", "LATENCY", "BEFORE", "AFTER", "DETAIL");
        for (JsonNode c : body.path("data")) {
            int http = c.path("http_status").asInt();
            t.row(c.path("id").asText(), c.path("outcome").asText(), http == 0 ? "" : http,
                    c.path("latency_ms").asLong() + " ms", c.path("status_before").asText(),
                    c.path("status_after").asText(), c.path("detail").asText());
        }
        return t.render();
    }

    /** OAuth accounts: status, when the token expires (and in how long), last refresh, what went wrong. */
    static String oauthStatus(Iterable<JsonNode> accounts) {
        Table t = Table.of("ACCOUNT", "TYPE", "STATUS", "EXPIRES", "IN", "LAST-REFRESH", "ACCOUNT-STATUS", "ERROR");
        for (JsonNode a : accounts) {
            JsonNode in = a.path("expires_in_seconds");
            t.row(a.path("id").asText(), a.path("type").asText(), a.path("status").asText(),
                    AdminCommand.text(a.path("expires_at")), in.isNumber() ? duration(in.asLong()) : "",
                    AdminCommand.text(a.path("last_refresh_at")), AdminCommand.text(a.path("account_status")),
                    error(a));
        }
        return t.render();
    }

    private static String error(JsonNode account) {
        String error = AdminCommand.text(account.path("last_error"));
        return error.isEmpty() ? AdminCommand.text(account.path("disabled_reason")) : error;
    }

    /** 3725 → {@code 1h 2m 5s}; whole days shown as {@code d}. */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (d > 0) {
            sb.append(d).append("d ");
        }
        if (d > 0 || h > 0) {
            sb.append(h).append("h ");
        }
        if (d > 0 || h > 0 || m > 0) {
            sb.append(m).append("m ");
        }
        return sb.append(s).append('s').toString();
    }
}
