package dev.llmgateway.cost.budget;

import dev.llmgateway.cost.alert.Alert;
import dev.llmgateway.cost.alert.AlertChannel;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancySettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tenancy rows the budget tests need, a recording alert channel, and budgets without background work. */
final class BudgetFixtures {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Keeps every alert delivered. */
    static final class Recorder implements AlertChannel {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void deliver(Alert alert) {
            alerts.add(alert);
        }
    }

    private BudgetFixtures() {
    }

    static Tenancy tenancy(Database db, Clock clock) {
        TenancySettings d = TenancySettings.defaults();
        return new Tenancy(db, new TenancySettings(d.sessionTtl(), d.maxFailedLogins(), d.lockout(), d.rotationGrace(),
                d.invitationTtl(), Duration.ZERO), clock);
    }

    static Budgets budgets(Database db, Tenancy tenancy, Clock clock, Alerts alerts) {
        return new Budgets(db, tenancy.audit(), new dev.llmgateway.tenancy.Changes(db), clock,
                new BudgetSettings(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ZERO), alerts);
    }

    static void org(Database db, String id) {
        db.execute().insert("INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?)",
                id, "Org " + id, Rows.time(T0), Rows.time(T0));
    }

    static void team(Database db, String org, String id) {
        db.execute().insert("INSERT INTO teams (id, org_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, org, "Team " + id, Rows.time(T0), Rows.time(T0));
    }

    static void key(Database db, String org, String id) {
        db.execute().insert("INSERT INTO api_keys (id, org_id, name, prefix, secret_hash, permission, status, created_by, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'read_write', 'active', 'test', ?, ?)",
                id, org, "key " + id, "lgw_" + id, "sha256:" + id, Rows.time(T0), Rows.time(T0));
    }

    static void user(Database db, String org, String id) {
        db.execute().insert("INSERT INTO users (id, org_id, email, live_email, role, status, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'member', 'active', ?, ?)", id, org, id + "@example.com", id + "@example.com",
                Rows.time(T0), Rows.time(T0));
    }

    static BudgetDraft draft(BudgetScope scope, String scopeId, BudgetPeriod period, String amount,
                             BudgetAction action) {
        return new BudgetDraft(scope, scopeId, "test budget", period, new BigDecimal(amount), action,
                action == BudgetAction.DOWNGRADE ? Optional.of("cheap-model") : Optional.empty(), List.of(),
                List.of(), List.of());
    }

    static BudgetStatus status(Budgets budgets, String org, String id) {
        return budgets.status(dev.llmgateway.tenancy.Actor.platformAdmin("admin"), org, id);
    }
}
