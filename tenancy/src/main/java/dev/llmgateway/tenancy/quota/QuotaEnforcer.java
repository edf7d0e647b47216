package dev.llmgateway.tenancy.quota;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits requests under their organization's and key's limits and records what they used.
 *
 * <p>Requests limits are exact: one transaction adds one request to every applicable usage row,
 * each with {@code requests + 1 <= limit}; if any row is at its limit the whole transaction rolls
 * back, so nothing is counted for a refused request. Token and cost limits admit while the
 * recorded use is below the limit; the use of a request is only known when it completes, so the
 * overshoot is bounded by what the requests already admitted (on every instance) use. Rows are
 * always locked in the same order, so two reservations cannot deadlock. Thread-safe.
 */
final class QuotaEnforcer {

    private static final Logger LOG = Logger.getLogger(QuotaEnforcer.class.getName());
    /** {@code quota_usage.cost} keeps nine decimals (a nano-dollar). */
    static final int COST_SCALE = 9;
    private static final Comparator<Reservation.Row> LOCK_ORDER = Comparator
            .comparing((Reservation.Row r) -> r.scope().type()).thenComparing(r -> r.scope().id())
            .thenComparing(Reservation.Row::periodKey);

    /** One usage row to reserve in, with the limits of its scope that apply to its period. */
    private record Step(Reservation.Row row, LimitSet limits, Period period) {
    }

    /** Thrown inside the reservation transaction to roll it back. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Admission.Refused refused;

        Refusal(Admission.Refused refused) {
            super(refused.message(), null, false, false);
            this.refused = refused;
        }
    }

    /** A row vanished after it was known to exist (deleted by hand): check them all again and retry once. */
    private static final class MissingRow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reservation.Row row;

        MissingRow(Reservation.Row row) {
            super(null, null, false, false);
            this.row = row;
        }
    }

    private final Database db;
    private final QuotaStore store;
    private final QuotaCache cache;
    private final Clock clock;

    QuotaEnforcer(Database db, QuotaStore store, QuotaCache cache, Clock clock) {
        this.db = db;
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    Admission admit(List<LimitSet> scopes) {
        Instant now = clock.instant();
        List<Step> steps = steps(scopes, now);
        if (steps.isEmpty()) {
            return new Admission.Admitted(Reservation.NONE);
        }
        for (int attempt = 0; ; attempt++) {
            for (Step s : steps) {
                if (!cache.rowKnown(s.row())) {
                    store.ensureRow(s.row(), now);
                    cache.rowExists(s.row());
                }
            }
            try {
                db.inTransaction(tx -> steps.forEach(s -> reserve(tx, s, now)));
                return new Admission.Admitted(new Reservation(steps.stream().map(Step::row).toList()));
            } catch (Refusal r) {
                return r.refused;
            } catch (MissingRow m) {
                steps.forEach(s -> cache.rowMissing(s.row()));
                if (attempt > 0) {
                    throw new IllegalStateException("quota_usage row " + m.row + " disappeared twice");
                }
            }
        }
    }

    /** Adds a completed request's tokens and cost to every row it was admitted under; never throws. */
    void record(Reservation reservation, long tokens, BigDecimal cost) {
        if (reservation.isEmpty() || (tokens == 0 && cost.signum() == 0)) {
            return;
        }
        BigDecimal stored = cost.setScale(COST_SCALE, RoundingMode.HALF_UP);
        Instant now = clock.instant();
        List<Reservation.Row> rows = reservation.rows().stream().sorted(LOCK_ORDER).toList();
        try {
            db.inTransaction(tx -> rows.forEach(r -> store.addUsage(tx, r, tokens, stored, now)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record " + tokens + " tokens and " + stored.toPlainString()
                    + " USD against " + rows + "; these are missing from the quota counters", e);
        }
    }

    /** Both periods of every scope that has any limit, so the counters are complete when a limit is added later. */
    private static List<Step> steps(List<LimitSet> scopes, Instant now) {
        List<Step> steps = new ArrayList<>();
        for (LimitSet limits : scopes) {
            if (!limits.isEmpty()) {
                for (Period p : Period.values()) {
                    steps.add(new Step(new Reservation.Row(limits.scope(), p.key(now)), limits, p));
                }
            }
        }
        steps.sort(Comparator.comparing(Step::row, LOCK_ORDER));
        return steps;
    }

    private void reserve(io.helidon.dbclient.DbExecute tx, Step s, Instant now) {
        Optional<BigDecimal> requests = s.limits().get(Metric.REQUESTS, s.period());
        if (store.addRequest(tx, s.row(), requests.map(BigDecimal::longValueExact), now) == 0) {
            if (requests.isEmpty() || store.counters(tx, s.row()).isEmpty()) {
                throw new MissingRow(s.row());
            }
            throw refusal(s, Metric.REQUESTS, requests.get(), now);
        }
        Optional<BigDecimal> tokens = s.limits().get(Metric.TOKENS, s.period());
        Optional<BigDecimal> cost = s.limits().get(Metric.COST, s.period());
        if (tokens.isEmpty() && cost.isEmpty()) {
            return;
        }
        UsageCounters used = store.counters(tx, s.row()).orElseThrow(() -> new MissingRow(s.row()));
        if (tokens.isPresent() && used.of(Metric.TOKENS).compareTo(tokens.get()) >= 0) {
            throw refusal(s, Metric.TOKENS, tokens.get(), now);
        }
        if (cost.isPresent() && used.cost().compareTo(cost.get()) >= 0) {
            throw refusal(s, Metric.COST, cost.get(), now);
        }
    }

    private static Refusal refusal(Step s, Metric metric, BigDecimal limit, Instant now) {
        Instant end = s.period().end(now);
        String amount = metric == Metric.COST ? limit.toPlainString() + " USD"
                : limit.toPlainString() + " " + metric.wire();
        String message = s.row().scope().describe() + " has used its " + amount + " for " + s.row().periodKey()
                + "; the limit renews at " + end + ".";
        Duration wait = Duration.between(now, end);
        return new Refusal(new Admission.Refused(message, wait));
    }
}
