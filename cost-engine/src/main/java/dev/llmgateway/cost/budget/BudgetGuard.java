package dev.llmgateway.cost.budget;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgateway.store.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits requests under their budgets and settles what they cost.
 *
 * <p>Admission reserves the request's estimated cost in every budget that applies, in one
 * transaction: each reservation is one conditional update ({@code spent + reserved + estimate <=
 * amount}), so however many requests race on however many instances, the reserved and spent money
 * together never exceed a refusing budget's amount. When the request ends, its exact cost replaces
 * the reservation. The estimate bounds the prompt from the request and the output by its max-token
 * setting (or a default), so the possible overshoot of a budget is the amount by which requests
 * already in flight exceed their estimates — zero when clients set max tokens. Thread-safe.
 */
final class BudgetGuard {

    private static final Logger LOG = Logger.getLogger(BudgetGuard.class.getName());
    /** Money columns keep nine decimals. */
    static final int SCALE = 9;

    /** Thrown inside the reservation transaction to roll it back. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BudgetDecision.Refused refused;

        Refusal(BudgetDecision.Refused refused) {
            super(refused.message(), null, false, false);
            this.refused = refused;
        }
    }

    private final Database db;
    private final BudgetStore store;
    private final BudgetBook book;
    private final Clock clock;
    private final Duration holdTtl;
    private final Cache<String, Boolean> knownRows = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(2)).build();

    BudgetGuard(Database db, BudgetStore store, BudgetBook book, Clock clock, Duration holdTtl) {
        this.db = db;
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.holdTtl = holdTtl;
    }

    /** {@code estimate} is only asked for when a budget applies, so requests without budgets skip it. */
    BudgetDecision admit(Requester who, java.util.function.Supplier<BigDecimal> estimate) {
        List<Budget> budgets = book.applicable(who);
        if (budgets.isEmpty()) {
            return new BudgetDecision.Admitted(BudgetTicket.NONE, Optional.empty());
        }
        BigDecimal est = estimate.get().max(BigDecimal.ZERO).setScale(SCALE, RoundingMode.UP);
        Instant now = clock.instant();
        for (Budget b : budgets) {
            String row = b.id() + "/" + b.period().key(now);
            if (knownRows.getIfPresent(row) == null) {
                store.ensureSpendRow(b.id(), b.period().key(now), now);
                knownRows.put(row, Boolean.TRUE);
            }
        }
        String ticketId = UUID.randomUUID().toString();
        try {
            return db.transaction(tx -> {
                relaxCommit(tx);
                List<BudgetStore.Hold> holds = new ArrayList<>();
                Budget downgrade = null;
                for (Budget b : budgets) {
                    String key = b.period().key(now);
                    long changed = store.reserve(tx, b.id(), key, est, b.amount(), now);
                    if (changed == 0) {
                        if (b.action() == BudgetAction.REFUSE || store.spend(tx, b.id(), key).isEmpty()) {
                            throw new Refusal(refusal(b, key, now));
                        }
                        downgrade = downgrade == null ? b : downgrade;
                        store.reserveAnyway(tx, b.id(), key, est, now);
                    }
                    BudgetStore.Hold hold = new BudgetStore.Hold(ticketId + ":" + b.id(), b.id(), key, est);
                    store.insertHold(tx, hold, now.plus(holdTtl));
                    holds.add(hold);
                }
                return new BudgetDecision.Admitted(new BudgetTicket(holds), Optional.ofNullable(downgrade));
            });
        } catch (Refusal r) {
            return r.refused;
        }
    }

    /** Replaces the ticket's reservations with the exact cost; never throws. */
    boolean settle(BudgetTicket ticket, BigDecimal cost) {
        if (ticket.isEmpty()) {
            return true;
        }
        BigDecimal exact = cost.max(BigDecimal.ZERO).setScale(SCALE, RoundingMode.HALF_UP);
        Instant now = clock.instant();
        List<BudgetStore.Hold> holds = ticket.holds().stream().sorted(Comparator.comparing(BudgetStore.Hold::budgetId))
                .toList();
        try {
            db.inTransaction(tx -> {
                relaxCommit(tx);
                holds.forEach(h -> store.settle(tx, h, exact, now));
            });
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not settle " + exact.toPlainString() + " USD against budgets "
                    + holds.stream().map(BudgetStore.Hold::budgetId).toList()
                    + "; their reservations are given back when they expire", e);
            return false;
        }
    }

    /**
     * On PostgreSQL, this transaction's commit does not wait for its WAL to reach the disk
     * ({@code synchronous_commit = off} for this transaction only): the row locks of a hot budget are
     * held for microseconds instead of an fsync. The price is that a database crash (not an
     * application crash) may forget the last few hundred milliseconds of reservations and spending,
     * which only makes the budget briefly more generous; usage events, the record that is billed,
     * keep their durable commits.
     */
    private void relaxCommit(io.helidon.dbclient.DbExecute tx) {
        if (db.kind() == dev.llmgateway.store.DatabaseKind.POSTGRESQL) {
            tx.dml("SET LOCAL synchronous_commit TO OFF");
        }
    }

    /** Gives back the reservations of requests whose instance died; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int released = 0;
        for (BudgetStore.Hold h : store.expiredHolds(now, 1000)) {
            db.inTransaction(tx -> store.release(tx, h, now));
            released++;
        }
        if (released > 0) {
            int n = released;
            LOG.info(() -> "gave back " + n + " expired budget reservations (requests of a stopped instance)");
        }
        return released;
    }

    private BudgetDecision.Refused refusal(Budget b, String key, Instant now) {
        Optional<Instant> end = b.period().end(now);
        String message = "This request would exceed " + b.describe() + " of " + b.amount().toPlainString()
                + " USD for " + (b.period() == BudgetPeriod.TOTAL ? "all time" : key)
                + end.map(e -> "; it renews at " + e).orElse("; it does not renew") + ".";
        return new BudgetDecision.Refused(b, message, end.map(e -> Duration.between(now, e)));
    }
}
