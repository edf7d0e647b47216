package dev.llmgateway.cost.budget;

import dev.llmgateway.cost.alert.Alert;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.store.Database;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Changes;
import dev.llmgateway.tenancy.Ids;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budgets of organizations, teams, keys and users. Admins manage them ({@link #create},
 * {@link #update}, {@link #delete}; audited, visible to other instances through the change feed);
 * the gateway asks {@link #admit} with a request's estimated cost before it goes upstream and
 * {@link #settle}s its exact cost when it ends, which may raise threshold alerts (each once per
 * budget and period, whichever instance sees it first). See {@link BudgetGuard} for what is exact.
 * Thread-safe; {@link #close()} stops the background work.
 */
public final class Budgets implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Budgets.class.getName());
    /** How long an instance trusts its copy of the budgets without the change feed saying otherwise. */
    public static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(30);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final BudgetStore store;
    private final BudgetBook book;
    private final BudgetGuard guard;
    private final Alerts alerts;
    private final ScheduledExecutorService background;
    /** Thresholds known to have fired (here or on another instance), so they are not tried again. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> fired =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(java.time.Duration.ofDays(40)).build();

    public Budgets(Database db, AuditLog audit, Changes changes, Clock clock, BudgetSettings settings, Alerts alerts) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.store = new BudgetStore(db);
        this.book = new BudgetBook(store, changes, clock, settings.cacheTtl());
        this.guard = new BudgetGuard(db, store, book, clock, settings.holdTtl());
        this.alerts = alerts;
        if (settings.feedPoll().isZero() || settings.feedPoll().isNegative()) {
            this.background = null;
        } else {
            this.background = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                    .name("llmgw-budgets").unstarted(r));
            long poll = settings.feedPoll().toMillis();
            background.scheduleWithFixedDelay(book::sync, poll, poll, TimeUnit.MILLISECONDS);
            background.scheduleWithFixedDelay(this::sweepQuietly, 60_000, 60_000, TimeUnit.MILLISECONDS);
        }
    }

    /** Creates a budget in {@code org} (org admins and up); audited. */
    public Budget create(Actor actor, String org, BudgetDraft draft) {
        actor.require(org, Role.ADMIN, "create budgets");
        BudgetDraft d = draft.validated();
        Instant now = clock.instant();
        Budget budget = new Budget(Ids.next("bud"), org, d, actor.id(), now, now);
        db.inTransaction(tx -> {
            requireScope(tx, org, d);
            store.insert(tx, budget);
            Changes.record(tx, Changes.Entity.BUDGET, budget.id(), now);
            audit.append(tx, AuditEntry.of(actor, "budget.create", "budget", budget.id()).inOrg(org)
                    .with("scope", d.scope().wire() + ":" + d.scopeId()).with("period", d.period().wire())
                    .with("amount_usd", d.amountUsd().toPlainString()).with("action", d.action().wire()));
        });
        book.reload();
        return budget;
    }

    public List<Budget> list(Actor actor, String org) {
        actor.require(org, Role.VIEWER, "read budgets");
        requireOrg(org);
        return store.list(org);
    }

    public Budget get(Actor actor, String org, String id) {
        actor.require(org, Role.VIEWER, "read budgets");
        return store.find(db.execute(), org, id, false).orElseThrow(() -> TenancyException.notFound("budget", id));
    }

    /** Applies {@code change} to the budget's settings (org admins and up); audited with what changed. */
    public Budget update(Actor actor, String org, String id, UnaryOperator<BudgetDraft> change) {
        actor.require(org, Role.ADMIN, "change budgets");
        Instant now = clock.instant();
        Budget after = db.transaction(tx -> {
            Budget before = store.find(tx, org, id, true).orElseThrow(() -> TenancyException.notFound("budget", id));
            BudgetDraft d = change.apply(before.draft()).validated();
            if (d.equals(before.draft())) {
                return before;
            }
            requireScope(tx, org, d);
            Budget updated = new Budget(id, org, d, before.createdBy(), before.createdAt(), now);
            store.update(tx, updated);
            Changes.record(tx, Changes.Entity.BUDGET, id, now);
            audit.append(tx, changes(AuditEntry.of(actor, "budget.update", "budget", id).inOrg(org), before.draft(), d));
            return updated;
        });
        book.reload();
        return after;
    }

    /** Deletes the budget (kept for history, no longer applied); audited. */
    public void delete(Actor actor, String org, String id) {
        actor.require(org, Role.ADMIN, "delete budgets");
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            store.find(tx, org, id, true).orElseThrow(() -> TenancyException.notFound("budget", id));
            store.delete(tx, id, now);
            Changes.record(tx, Changes.Entity.BUDGET, id, now);
            audit.append(tx, AuditEntry.of(actor, "budget.delete", "budget", id).inOrg(org));
        });
        book.reload();
    }

    /** The budget with its current period's spending. */
    public BudgetStatus status(Actor actor, String org, String id) {
        return status(get(actor, org, id));
    }

    /** Every budget of the organization with its current period's spending. */
    public List<BudgetStatus> statuses(Actor actor, String org) {
        return list(actor, org).stream().map(this::status).toList();
    }

    /** Whether a request of {@code who} estimated at {@code estimate} US dollars may go ahead. */
    public BudgetDecision admit(Requester who, BigDecimal estimate) {
        return guard.admit(who, () -> estimate);
    }

    /**
     * The same, with the estimate computed only when a budget applies to {@code who} (the common
     * case, no budget, costs neither the estimate nor a database round trip).
     */
    public BudgetDecision admit(Requester who, java.util.function.Supplier<BigDecimal> estimate) {
        return guard.admit(who, estimate);
    }

    /** Settles a request's exact cost and raises the alerts it crossed; never throws. */
    public void settle(BudgetTicket ticket, BigDecimal cost) {
        if (ticket.isEmpty() || !guard.settle(ticket, cost)) {
            return;
        }
        try {
            for (BudgetStore.Hold h : ticket.holds()) {
                checkThresholds(h.budgetId(), h.periodKey());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not check budget thresholds", e);
        }
    }

    /** Reads the change feed now (the background reader does this too). */
    public void syncChanges() {
        book.sync();
    }

    /** Gives back reservations of requests whose instance died (the background job does this every minute). */
    public int sweepExpiredHolds() {
        return guard.sweep();
    }

    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    private void checkThresholds(String budgetId, String periodKey) {
        Budget b = book.byId(budgetId).orElse(null);
        if (b == null || b.draft().thresholds().stream()
                .allMatch(t -> fired.getIfPresent(firedKey(budgetId, periodKey, t)) != null)) {
            return; // every alert of this period is out: no need to read the spending
        }
        BudgetStore.Spend spend = store.spend(db.execute(), budgetId, periodKey).orElse(BudgetStore.Spend.ZERO);
        Instant now = clock.instant();
        for (int t : b.draft().thresholds()) {
            BigDecimal line = b.amount().multiply(BigDecimal.valueOf(t)).divide(BigDecimal.valueOf(100));
            String key = firedKey(budgetId, periodKey, t);
            if (spend.spent().compareTo(line) < 0 || fired.getIfPresent(key) != null) {
                continue;
            }
            if (store.recordAlert(budgetId, periodKey, t, spend.spent(), now)) {
                alerts.raise(alert(b, periodKey, t, spend.spent(), now));
            }
            fired.put(key, Boolean.TRUE);
        }
    }

    private static String firedKey(String budgetId, String periodKey, int threshold) {
        return budgetId + "/" + periodKey + "/" + threshold;
    }

    static Alert alert(Budget b, String periodKey, int threshold, BigDecimal spent, Instant now) {
        String title = b.describe() + " reached " + threshold + "% (" + spent.stripTrailingZeros().toPlainString()
                + " of " + b.amount().toPlainString() + " USD, " + periodKey + ")";
        String then = threshold >= 100 ? (b.action() == BudgetAction.REFUSE
                ? "Requests that would spend more are refused with 429 budget_exceeded until the period ends."
                : "Requests now go to " + b.draft().downgradeModel().orElse("") + " until the period ends.")
                : "At 100% requests are " + (b.action() == BudgetAction.REFUSE ? "refused." : "downgraded to "
                + b.draft().downgradeModel().orElse("") + ".");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("budget_id", b.id());
        fields.put("budget_name", b.draft().name());
        fields.put("scope", b.scope().wire());
        fields.put("scope_id", b.scopeId());
        fields.put("period", b.period().wire());
        fields.put("period_key", periodKey);
        fields.put("threshold_percent", threshold);
        fields.put("spent_usd", spent.stripTrailingZeros().toPlainString());
        fields.put("amount_usd", b.amount().toPlainString());
        fields.put("action", b.action().wire());
        return new Alert("budget.threshold", b.orgId(), now, title, title + ". " + then, fields,
                b.draft().webhooks(), b.draft().emails());
    }

    private BudgetStatus status(Budget b) {
        Instant now = clock.instant();
        String key = b.period().key(now);
        BudgetStore.Spend s = store.spend(db.execute(), b.id(), key).orElse(BudgetStore.Spend.ZERO);
        return new BudgetStatus(b, key, b.period().start(now), b.period().end(now), s.spent().stripTrailingZeros(),
                s.reserved().stripTrailingZeros(), s.requests(), store.firedAlerts(b.id(), key));
    }

    private void sweepQuietly() {
        try {
            guard.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "budget hold sweep failed (retried in a minute)", e);
        }
    }

    private void requireOrg(String org) {
        if (!store.orgExists(db.execute(), org)) {
            throw TenancyException.notFound("organization", org);
        }
    }

    private void requireScope(io.helidon.dbclient.DbExecute tx, String org, BudgetDraft d) {
        if (!store.orgExists(tx, org)) {
            throw TenancyException.notFound("organization", org);
        }
        if (!store.scopeExists(tx, org, d.scope(), d.scopeId())) {
            throw TenancyException.invalid("scope_id", d.scope() == BudgetScope.ORGANIZATION
                    ? "An organization budget's scope_id must be the organization's own id, " + org + "."
                    : "There is no " + d.scope().wire() + " '" + d.scopeId() + "' in organization " + org + ".");
        }
    }

    private static AuditEntry changes(AuditEntry entry, BudgetDraft a, BudgetDraft b) {
        AuditEntry e = entry;
        e = a.scope() != b.scope() || !a.scopeId().equals(b.scopeId())
                ? e.changed("scope", a.scope().wire() + ":" + a.scopeId(), b.scope().wire() + ":" + b.scopeId()) : e;
        e = a.name().equals(b.name()) ? e : e.changed("name", a.name(), b.name());
        e = a.period() == b.period() ? e : e.changed("period", a.period().wire(), b.period().wire());
        e = a.amountUsd().compareTo(b.amountUsd()) == 0 ? e
                : e.changed("amount_usd", a.amountUsd().toPlainString(), b.amountUsd().toPlainString());
        e = a.action() == b.action() ? e : e.changed("action", a.action().wire(), b.action().wire());
        e = a.downgradeModel().equals(b.downgradeModel()) ? e
                : e.changed("downgrade_model", a.downgradeModel().orElse(null), b.downgradeModel().orElse(null));
        e = a.thresholds().equals(b.thresholds()) ? e : e.changed("thresholds", a.thresholds(), b.thresholds());
        e = a.webhooks().equals(b.webhooks()) ? e : e.changed("webhooks", a.webhooks().size(), b.webhooks().size());
        e = a.emails().equals(b.emails()) ? e : e.changed("emails", a.emails().size(), b.emails().size());
        return e;
    }
}
