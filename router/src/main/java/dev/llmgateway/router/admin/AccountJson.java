package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.AccountHealth;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.pool.AccountStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * An account's live state as admin JSON. The credential is never written: at most a
 * {@link KeyHint}. Status names are lower case ({@code cooling_down}).
 */
final class AccountJson {

    private AccountJson() {
    }

    static ObjectNode of(AccountPool.AccountView view, Optional<String> keyHint) {
        Account a = view.account();
        ObjectNode o = Json.object()
                .put("id", a.id())
                .put("name", a.name())
                .put("provider", a.provider())
                .put("weight", a.weight())
                .put("priority", a.priority())
                .put("proxy", a.proxy().map(java.net.URI::toString).orElse(null));
        a.models().forEach(o.putArray("models")::add);
        if (!a.options().isEmpty()) {
            ObjectNode options = o.putObject("options");
            new java.util.TreeMap<>(a.options()).forEach(options::put);
        }
        o.putObject("limits")
                .put("max_concurrency", a.limits().maxConcurrency())
                .put("requests_per_minute", a.limits().requestsPerMinute())
                .put("tokens_per_minute", a.limits().tokensPerMinute());
        o.put("status", name(view.status()));
        o.put("disabled_reason", view.disabledReason().orElse(null));
        o.put("key_hint", keyHint.orElse(null));
        ObjectNode health = o.putObject("health");
        view.models().forEach((model, snap) -> health.set(model, snapshot(snap)));
        o.put("in_flight", view.inFlight());
        if (view.latencyMillis() >= 0) {
            o.put("latency_ewma_ms", Math.round(view.latencyMillis() * 10) / 10.0);
        } else {
            o.putNull("latency_ewma_ms");
        }
        return o;
    }

    static String name(AccountStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode snapshot(AccountHealth.Snapshot s) {
        ObjectNode o = Json.object().put("status", name(s.status()));
        o.put("until", s.until().map(Object::toString).orElse(null));
        o.put("reason", s.reason());
        o.put("recent_failures", s.recentFailures());
        return o;
    }
}
