package dev.llmgateway.tenancy.quota;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Rows the quota tests need (organizations and keys belong to other features) and a tenancy without background work. */
final class QuotaFixtures {

    private QuotaFixtures() {
    }

    static Tenancy tenancy(Database db, Clock clock) {
        TenancySettings d = TenancySettings.defaults();
        return new Tenancy(db, new TenancySettings(d.sessionTtl(), d.maxFailedLogins(), d.lockout(), d.rotationGrace(),
                d.invitationTtl(), Duration.ZERO), clock);
    }

    static void org(Database db, String id) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        db.execute().insert("INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?)",
                id, "Org " + id, Rows.time(now), Rows.time(now));
    }

    static void key(Database db, String org, String id) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        db.execute().insert("INSERT INTO api_keys (id, org_id, name, prefix, secret_hash, permission, status, created_by, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'read_write', 'active', 'test', ?, ?)",
                id, org, "key " + id, "lgw_" + id, "sha256:" + id, Rows.time(now), Rows.time(now));
    }

    /** A change that sets the given fields to the given values. */
    static LimitChange set(String... fieldValuePairs) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            values.put(fieldValuePairs[i], fieldValuePairs[i + 1]);
        }
        return LimitChange.of(values, Set.of());
    }

    static long requestsUsed(Database db, Scope scope, String periodKey) {
        return db.execute().get("SELECT requests FROM quota_usage WHERE scope_type = ? AND scope_id = ? AND period_key = ?",
                scope.type().wire(), scope.id(), periodKey).map(r -> Rows.requiredLong(r, "requests")).orElse(0L);
    }
}
