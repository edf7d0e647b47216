package dev.llmgateway.tenancy.key;

import dev.llmgateway.tenancy.Changes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this instance's {@link KeyValidator} cache in step with changes made by other instances: a
 * daemon thread reads the change feed every {@code interval} (tenancy.cache-sync) and drops the
 * entries of every changed key (KEY) or of every key of a changed organization (ORG); either also
 * clears the cache of unknown secrets. The same thread writes the validator's noted last uses.
 * A failing read (database away) is logged once and retried on the next tick; until then the
 * validator's entry expiry bounds how stale a cached key can get. Started by the constructor;
 * {@link #close()} stops it.
 */
public final class KeyCacheSync implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyCacheSync.class.getName());
    private static final int PAGE = 500;
    /** How long a hole in the feed's sequence is waited for before it is taken for a rollback. */
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);

    private final Changes changes;
    private final KeyValidator validator;
    private final Clock clock;
    private final ChangeCursor cursor;
    private final ScheduledExecutorService executor;
    private boolean failing;

    public KeyCacheSync(Changes changes, KeyValidator validator, Duration interval, Clock clock) {
        this.changes = changes;
        this.validator = validator;
        this.clock = clock;
        // Nothing is cached yet, so history before now needs no replay.
        this.cursor = new ChangeCursor(changes.latest(), GAP_TIMEOUT);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmgw-key-cache-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One round: apply new changes, then write last uses. Runs on the sync thread only. */
    void tick() {
        try {
            poll();
            validator.flushLastUsed();
            if (failing) {
                LOG.info("key cache sync: reading the change feed works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "key cache sync: cannot read the change feed; cached keys may stay stale "
                        + "for up to " + KeyValidator.ENTRY_TTL.toMinutes() + " minutes until it works again", e);
                failing = true;
            }
        }
    }

    private void poll() {
        long from = cursor.from();
        while (true) {
            List<Changes.Change> batch = changes.since(from, PAGE);
            for (Changes.Change c : cursor.accept(batch)) {
                apply(c);
            }
            if (batch.size() < PAGE) {
                break;
            }
            from = batch.get(batch.size() - 1).seq();
        }
        cursor.settle(clock.instant());
    }

    private void apply(Changes.Change c) {
        switch (c.entity()) {
            case KEY -> validator.invalidateKey(c.entityId());
            case ORG -> validator.invalidateOrg(c.entityId());
            default -> {
                // users and quotas do not affect how a key authenticates
            }
        }
    }

    /** Stops the thread and writes the last uses still noted. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            validator.flushLastUsed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "key cache sync: last uses not written at close", e);
        }
    }
}
