package dev.llmgateway.tenancy.quota;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of limits ({@code quotas}) and counters ({@code quota_usage}); the same on H2 and PostgreSQL. */
final class QuotaStore {

    private static final String ROW = " WHERE scope_type = ? AND scope_id = ? AND period_key = ?";

    private final Database db;

    QuotaStore(Database db) {
        this.db = db;
    }

    LimitSet limits(DbExecute ex, Scope scope) {
        Map<Slot, BigDecimal> values = new HashMap<>();
        Instant updated = null;
        for (DbRow r : ex.query("SELECT metric, period, limit_value, updated_at FROM quotas "
                + "WHERE scope_type = ? AND scope_id = ?", scope.type().wire(), scope.id()).toList()) {
            Optional<Slot> slot = Slot.parse(Rows.requiredString(r, "metric") + "_per_" + Rows.requiredString(r, "period"));
            if (slot.isPresent()) {
                values.put(slot.get(), Rows.decimal(r, "limit_value").orElseThrow());
                Instant at = Rows.requiredInstant(r, "updated_at");
                updated = updated == null || at.isAfter(updated) ? at : updated;
            }
        }
        return new LimitSet(scope, values, Optional.ofNullable(updated));
    }

    LimitSet limits(Scope scope) {
        return limits(db.execute(), scope);
    }

    /** Writes the slots that differ between {@code before} and {@code after}. */
    void write(DbExecute tx, LimitSet before, LimitSet after, Instant now) {
        Scope scope = after.scope();
        for (Slot slot : Slot.ALL) {
            Optional<BigDecimal> was = before.get(slot);
            Optional<BigDecimal> next = after.get(slot);
            Object[] key = {scope.type().wire(), scope.id(), slot.metric().wire(), slot.period().wire()};
            if (next.isEmpty() && was.isPresent()) {
                tx.delete("DELETE FROM quotas WHERE scope_type = ? AND scope_id = ? AND metric = ? AND period = ?", key);
            } else if (next.isPresent() && was.isEmpty()) {
                tx.insert("INSERT INTO quotas (scope_type, scope_id, metric, period, limit_value, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", key[0], key[1], key[2], key[3], next.get(), Rows.time(now));
            } else if (next.isPresent() && !next.equals(was)) {
                tx.update("UPDATE quotas SET limit_value = ?, updated_at = ? WHERE scope_type = ? AND scope_id = ? "
                        + "AND metric = ? AND period = ?", next.get(), Rows.time(now), key[0], key[1], key[2], key[3]);
            }
        }
    }

    /** True when the organization exists (not deleted); {@code lock} also locks its row until the end of {@code tx}. */
    boolean orgExists(DbExecute tx, String org, boolean lock) {
        return tx.get("SELECT id FROM organizations WHERE id = ? AND deleted_at IS NULL" + (lock ? " FOR UPDATE" : ""),
                org).isPresent();
    }

    boolean keyExists(DbExecute ex, String org, String key) {
        return ex.get("SELECT id FROM api_keys WHERE id = ? AND org_id = ? AND deleted_at IS NULL", key, org)
                .isPresent();
    }

    /** The organization's live keys that have limits of their own, in id order. */
    List<String> limitedKeys(String org) {
        return db.execute().query("SELECT DISTINCT k.id AS id FROM api_keys k JOIN quotas q ON q.scope_id = k.id "
                        + "AND q.scope_type = 'key' WHERE k.org_id = ? AND k.deleted_at IS NULL ORDER BY k.id", org)
                .map(r -> Rows.requiredString(r, "id")).toList();
    }

    Optional<UsageCounters> counters(DbExecute ex, Reservation.Row row) {
        return ex.get("SELECT requests, tokens, cost FROM quota_usage" + ROW, params(row))
                .map(r -> new UsageCounters(Rows.requiredLong(r, "requests"), Rows.requiredLong(r, "tokens"),
                        Rows.decimal(r, "cost").orElse(BigDecimal.ZERO)));
    }

    Optional<UsageCounters> counters(Reservation.Row row) {
        return counters(db.execute(), row);
    }

    /**
     * Creates the row with zero counters unless it exists, in a statement of its own: two instances
     * may race to create it, and the loser's unique-key violation only means it is there now. (Inside
     * the reservation's transaction that violation would abort the transaction on PostgreSQL.)
     */
    void ensureRow(Reservation.Row row, Instant now) {
        if (counters(row).isPresent()) {
            return;
        }
        try {
            db.execute().insert("INSERT INTO quota_usage (scope_type, scope_id, period_key, requests, tokens, cost, "
                    + "updated_at) VALUES (?, ?, ?, 0, 0, 0, ?)", row.scope().type().wire(), row.scope().id(),
                    row.periodKey(), Rows.time(now));
        } catch (RuntimeException e) {
            if (!Rows.uniqueViolation(e)) {
                throw e;
            }
        }
    }

    /**
     * Adds one request to the row, only while that keeps it within {@code limit} when there is one.
     * Returns the rows changed: 0 means the limit is reached (or the row is missing). The update
     * locks the row until the end of {@code tx}, and both databases re-check the condition against
     * the newest committed value after waiting for another transaction's lock, so concurrent
     * reservations on any number of instances never admit more than the limit.
     */
    long addRequest(DbExecute tx, Reservation.Row row, Optional<Long> limit, Instant now) {
        String sql = "UPDATE quota_usage SET requests = requests + 1, updated_at = ?" + ROW;
        if (limit.isEmpty()) {
            return tx.update(sql, Rows.time(now), row.scope().type().wire(), row.scope().id(), row.periodKey());
        }
        return tx.update(sql + " AND requests + 1 <= ?", Rows.time(now), row.scope().type().wire(), row.scope().id(),
                row.periodKey(), limit.get());
    }

    void addUsage(DbExecute tx, Reservation.Row row, long tokens, BigDecimal cost, Instant now) {
        tx.update("UPDATE quota_usage SET tokens = tokens + ?, cost = cost + ?, updated_at = ?" + ROW, tokens, cost,
                Rows.time(now), row.scope().type().wire(), row.scope().id(), row.periodKey());
    }

    private static Object[] params(Reservation.Row row) {
        return new Object[] {row.scope().type().wire(), row.scope().id(), row.periodKey()};
    }
}
