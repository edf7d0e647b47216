package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.tenancy.audit.AuditEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The details of key audit entries: settings, never a secret or a secret's hash. */
final class KeyAudit {

    private KeyAudit() {
    }

    static AuditEntry created(AuditEntry e, ClientKey k) {
        KeySettings s = k.settings();
        return e.with("name", s.name()).with("prefix", k.prefix()).with("permission", s.permission().wire())
                .with("team_id", s.teamId().orElse(null)).with("allowed_models", s.allowedModels())
                .with("allowed_cidrs", s.allowedCidrs()).with("expires_at", time(s.expiresAt()))
                .with("limits", limits(s.limits()));
    }

    static AuditEntry updated(AuditEntry e, KeySettings a, KeySettings b) {
        return e.changed("name", a.name(), b.name())
                .changed("description", a.description().orElse(null), b.description().orElse(null))
                .changed("team_id", a.teamId().orElse(null), b.teamId().orElse(null))
                .changed("permission", a.permission().wire(), b.permission().wire())
                .changed("allowed_models", a.allowedModels(), b.allowedModels())
                .changed("allowed_cidrs", a.allowedCidrs(), b.allowedCidrs())
                .changed("expires_at", time(a.expiresAt()), time(b.expiresAt()))
                .changed("limits", limits(a.limits()), limits(b.limits()));
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static Map<String, Object> limits(RateLimits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rpm", l.requestsPerMinute() > 0 ? l.requestsPerMinute() : null);
        m.put("tpm", l.tokensPerMinute() > 0 ? l.tokensPerMinute() : null);
        m.put("concurrency", l.maxConcurrency() > 0 ? l.maxConcurrency() : null);
        return m;
    }
}
