package dev.llmgateway.tenancy.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgateway.tenancy.Changes;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's copy of limits per scope (including "no limits", so an unlimited organization
 * costs no database round trip), and the usage rows it knows exist. Entries live for a short TTL
 * and are dropped as soon as the change feed reports a change of that scope's limits, whichever
 * instance made it. Thread-safe.
 *
 * <p>Why both: a change whose feed row commits after a newer one was already read can be missed
 * by the feed reader; the TTL bounds how long such a miss lasts.
 */
final class QuotaCache {

    private static final Logger LOG = Logger.getLogger(QuotaCache.class.getName());
    private static final int BATCH = 500;

    private final Cache<Scope, LimitSet> limits;
    private final Cache<Reservation.Row, Boolean> knownRows = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofDays(2)).build();
    private final Changes changes;
    private long seenSeq;

    QuotaCache(Changes changes, Duration ttl) {
        this.changes = changes;
        this.limits = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build();
        this.seenSeq = changes.latest();
    }

    LimitSet limits(Scope scope, Function<Scope, LimitSet> load) {
        return limits.get(scope, load);
    }

    void invalidate(Scope scope) {
        limits.invalidate(scope);
    }

    boolean rowKnown(Reservation.Row row) {
        return knownRows.getIfPresent(row) != null;
    }

    void rowExists(Reservation.Row row) {
        knownRows.put(row, Boolean.TRUE);
    }

    void rowMissing(Reservation.Row row) {
        knownRows.invalidate(row);
    }

    /** Reads the change feed from where it was last read and drops the scopes whose limits changed. */
    synchronized void sync() {
        try {
            List<Changes.Change> batch;
            do {
                batch = changes.since(seenSeq, BATCH);
                for (Changes.Change c : batch) {
                    if (c.entity() == Changes.Entity.QUOTA) {
                        // the feed carries the scope's id only; org and key ids never collide, drop both
                        limits.invalidate(Scope.org(c.entityId()));
                        limits.invalidate(Scope.key(c.entityId()));
                    }
                    seenSeq = c.seq();
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the tenancy change feed; cached limits expire by age meanwhile", e);
        }
    }
}
