package dev.llmgateway.cost.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of budgets, their spending per period, holds and fired alerts; the same on H2 and PostgreSQL. */
final class BudgetStore {

    /** A budget's spending in one period. */
    record Spend(BigDecimal spent, BigDecimal reserved, long requests) {
        static final Spend ZERO = new Spend(BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** A reservation of a request in flight. */
    record Hold(String holdId, String budgetId, String periodKey, BigDecimal amount) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, org_id, scope_type, scope_id, name, period, amount_usd, action, "
            + "downgrade_model, thresholds, webhooks, emails, created_by, created_at, updated_at";
    private static final String SPEND_ROW = " WHERE budget_id = ? AND period_key = ?";

    private final Database db;

    BudgetStore(Database db) {
        this.db = db;
    }

    void insert(DbExecute tx, Budget b) {
        BudgetDraft d = b.draft();
        tx.insert("INSERT INTO budgets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.id(), b.orgId(), d.scope().wire(), d.scopeId(), d.name(), d.period().wire(), d.amountUsd(),
                d.action().wire(), d.downgradeModel().orElse(null), json(d.thresholds()), json(d.webhooks()),
                json(d.emails()), b.createdBy(), Rows.time(b.createdAt()), Rows.time(b.updatedAt()));
    }

    void update(DbExecute tx, Budget b) {
        BudgetDraft d = b.draft();
        tx.update("UPDATE budgets SET scope_type = ?, scope_id = ?, name = ?, period = ?, amount_usd = ?, action = ?, "
                        + "downgrade_model = ?, thresholds = ?, webhooks = ?, emails = ?, updated_at = ? WHERE id = ?",
                d.scope().wire(), d.scopeId(), d.name(), d.period().wire(), d.amountUsd(), d.action().wire(),
                d.downgradeModel().orElse(null), json(d.thresholds()), json(d.webhooks()), json(d.emails()),
                Rows.time(b.updatedAt()), b.id());
    }

    void delete(DbExecute tx, String id, Instant now) {
        tx.update("UPDATE budgets SET deleted_at = ?, updated_at = ? WHERE id = ?", Rows.time(now), Rows.time(now), id);
    }

    /** The live budget {@code id} of {@code org}; {@code lock} also locks its row until the end of {@code tx}. */
    Optional<Budget> find(DbExecute ex, String org, String id, boolean lock) {
        return ex.get("SELECT " + COLUMNS + " FROM budgets WHERE id = ? AND org_id = ? AND deleted_at IS NULL"
                + (lock ? " FOR UPDATE" : ""), id, org).map(BudgetStore::budget);
    }

    List<Budget> list(String org) {
        return db.execute().query("SELECT " + COLUMNS + " FROM budgets WHERE org_id = ? AND deleted_at IS NULL "
                + "ORDER BY created_at, id", org).map(BudgetStore::budget).toList();
    }

    /** Every live budget, for the in-memory book. */
    List<Budget> all() {
        return db.execute().query("SELECT " + COLUMNS + " FROM budgets WHERE deleted_at IS NULL ORDER BY id")
                .map(BudgetStore::budget).toList();
    }

    boolean orgExists(DbExecute ex, String org) {
        return ex.get("SELECT id FROM organizations WHERE id = ? AND deleted_at IS NULL", org).isPresent();
    }

    /** True when the team, key or user {@code id} lives in {@code org} (an organization scope must be the org itself). */
    boolean scopeExists(DbExecute ex, String org, BudgetScope scope, String id) {
        return switch (scope) {
            case ORGANIZATION -> org.equals(id);
            case TEAM -> ex.get("SELECT id FROM teams WHERE id = ? AND org_id = ? AND deleted_at IS NULL", id, org)
                    .isPresent();
            case KEY -> ex.get("SELECT id FROM api_keys WHERE id = ? AND org_id = ? AND deleted_at IS NULL", id, org)
                    .isPresent();
            case USER -> ex.get("SELECT id FROM users WHERE id = ? AND org_id = ? AND deleted_at IS NULL", id, org)
                    .isPresent();
        };
    }

    Optional<Spend> spend(DbExecute ex, String budgetId, String periodKey) {
        return ex.get("SELECT spent_usd, reserved_usd, requests FROM budget_spend" + SPEND_ROW, budgetId, periodKey)
                .map(r -> new Spend(Rows.decimal(r, "spent_usd").orElse(BigDecimal.ZERO),
                        Rows.decimal(r, "reserved_usd").orElse(BigDecimal.ZERO), Rows.requiredLong(r, "requests")));
    }

    /**
     * Creates the spending row with zeros unless it exists, in a statement of its own: instances may
     * race to create it, and the loser's unique-key violation only means it is there now.
     */
    void ensureSpendRow(String budgetId, String periodKey, Instant now) {
        if (spend(db.execute(), budgetId, periodKey).isPresent()) {
            return;
        }
        try {
            db.execute().insert("INSERT INTO budget_spend (budget_id, period_key, spent_usd, reserved_usd, requests, "
                    + "updated_at) VALUES (?, ?, 0, 0, 0, ?)", budgetId, periodKey, Rows.time(now));
        } catch (RuntimeException e) {
            if (!Rows.uniqueViolation(e)) {
                throw e;
            }
        }
    }

    /**
     * Reserves {@code estimate} while spent, reserved and the estimate stay within {@code amount} and
     * something is left (so a request estimated at zero is refused at 100% too). Returns the rows
     * changed: 0 means the budget cannot take it (or the row is missing). The update locks the row
     * until the end of {@code tx} and both databases re-check the condition against the newest
     * committed values after waiting, so concurrent reservations on any number of instances never
     * reserve more than the amount.
     */
    long reserve(DbExecute tx, String budgetId, String periodKey, BigDecimal estimate, BigDecimal amount,
                 Instant now) {
        return tx.update("UPDATE budget_spend SET reserved_usd = reserved_usd + ?, updated_at = ?" + SPEND_ROW
                        + " AND spent_usd + reserved_usd + ? <= ? AND spent_usd + reserved_usd < ?",
                estimate, Rows.time(now), budgetId, periodKey, estimate, amount, amount);
    }

    /** Reserves {@code estimate} whatever the amount (a downgraded request still counts). */
    long reserveAnyway(DbExecute tx, String budgetId, String periodKey, BigDecimal estimate, Instant now) {
        return tx.update("UPDATE budget_spend SET reserved_usd = reserved_usd + ?, updated_at = ?" + SPEND_ROW,
                estimate, Rows.time(now), budgetId, periodKey);
    }

    void insertHold(DbExecute tx, Hold hold, Instant expires) {
        tx.insert("INSERT INTO budget_holds (hold_id, budget_id, period_key, amount_usd, expires_at) VALUES (?, ?, ?, ?, ?)",
                hold.holdId(), hold.budgetId(), hold.periodKey(), hold.amount(), Rows.time(expires));
    }

    /**
     * Turns a hold into spending: adds {@code cost} and one request, and gives back the reservation
     * unless the sweeper released it already (then only the cost is added).
     */
    void settle(DbExecute tx, Hold hold, BigDecimal cost, Instant now) {
        long released = tx.delete("DELETE FROM budget_holds WHERE hold_id = ?", hold.holdId());
        BigDecimal giveBack = released > 0 ? hold.amount() : BigDecimal.ZERO;
        tx.update("UPDATE budget_spend SET spent_usd = spent_usd + ?, reserved_usd = reserved_usd - ?, "
                + "requests = requests + 1, updated_at = ?" + SPEND_ROW, cost, giveBack, Rows.time(now),
                hold.budgetId(), hold.periodKey());
    }

    /** Holds whose request should long have ended (its instance died): at most {@code max}. */
    List<Hold> expiredHolds(Instant now, int max) {
        return db.execute().query("SELECT hold_id, budget_id, period_key, amount_usd FROM budget_holds "
                        + "WHERE expires_at < ? ORDER BY expires_at LIMIT ?", Rows.time(now), max)
                .map(r -> new Hold(Rows.requiredString(r, "hold_id"), Rows.requiredString(r, "budget_id"),
                        Rows.requiredString(r, "period_key"), Rows.decimal(r, "amount_usd").orElse(BigDecimal.ZERO)))
                .toList();
    }

    /** Gives back an expired hold's reservation, once even when several instances sweep. */
    void release(DbExecute tx, Hold hold, Instant now) {
        if (tx.delete("DELETE FROM budget_holds WHERE hold_id = ?", hold.holdId()) > 0) {
            tx.update("UPDATE budget_spend SET reserved_usd = reserved_usd - ?, updated_at = ?" + SPEND_ROW,
                    hold.amount(), Rows.time(now), hold.budgetId(), hold.periodKey());
        }
    }

    /** Records that {@code threshold} fired in the period; false when it had already (on any instance). */
    boolean recordAlert(String budgetId, String periodKey, int threshold, BigDecimal spent, Instant now) {
        try {
            db.execute().insert("INSERT INTO budget_alerts (budget_id, period_key, threshold, spent_usd, fired_at) "
                    + "VALUES (?, ?, ?, ?, ?)", budgetId, periodKey, threshold, spent, Rows.time(now));
            return true;
        } catch (RuntimeException e) {
            if (Rows.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The thresholds fired in the period, lowest first. */
    List<Integer> firedAlerts(String budgetId, String periodKey) {
        return db.execute().query("SELECT threshold FROM budget_alerts WHERE budget_id = ? AND period_key = ? "
                + "ORDER BY threshold", budgetId, periodKey).map(r -> (int) Rows.requiredLong(r, "threshold")).toList();
    }

    private static Budget budget(DbRow r) {
        BudgetDraft draft = new BudgetDraft(BudgetScope.parse(Rows.requiredString(r, "scope_type")).orElseThrow(),
                Rows.requiredString(r, "scope_id"), Rows.requiredString(r, "name"),
                BudgetPeriod.parse(Rows.requiredString(r, "period")).orElseThrow(),
                Rows.decimal(r, "amount_usd").orElseThrow().stripTrailingZeros(),
                BudgetAction.parse(Rows.requiredString(r, "action")).orElseThrow(), Rows.string(r, "downgrade_model"),
                list(Rows.requiredString(r, "thresholds"), new TypeReference<List<Integer>>() { }),
                list(Rows.requiredString(r, "webhooks"), new TypeReference<List<String>>() { }),
                list(Rows.requiredString(r, "emails"), new TypeReference<List<String>>() { }));
        return new Budget(Rows.requiredString(r, "id"), Rows.requiredString(r, "org_id"), draft,
                Rows.requiredString(r, "created_by"), Rows.requiredInstant(r, "created_at"),
                Rows.requiredInstant(r, "updated_at"));
    }

    private static String json(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> list(String json, TypeReference<List<T>> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a budget's stored list is not JSON: " + e.getMessage(), e);
        }
    }
}
