package dev.llmgateway.router.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Upstream outcomes per {@code provider/model} over the last {@value #BUCKETS} buckets of
 * {@value #BUCKET_MILLIS} ms (15 minutes), fed by the pool's leases: successes with their latency,
 * and failures on the upstream's side ({@link FailureKind#SERVER}: 5xx, timeouts, connection
 * failures, broken streams). Rate limits and rejected credentials are left out (the pool's account
 * availability already accounts for them), and so are the client's own errors.
 *
 * <p>Reading ({@link #counts}) takes no lock: it sums atomic counters of the buckets inside the
 * window. Recording takes a per-model lock only when it starts a new bucket. Thread-safe.
 */
public final class RecentOutcomes implements LeaseListener {

    static final long BUCKET_MILLIS = 10_000;
    static final int BUCKETS = 90;

    /** Counts over a window; the successes' mean latency, negative when none was timed. */
    public record Counts(long successes, long failures, double meanLatencyMillis) {
        static final Counts NONE = new Counts(0, 0, -1);
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Series> byModel = new ConcurrentHashMap<>();

    public RecentOutcomes(Clock clock) {
        this.clock = clock;
    }

    /** What was recorded for {@code providerModel} ({@code provider/model}) during the last {@code window}. */
    public Counts counts(String providerModel, Duration window) {
        Series s = byModel.get(providerModel);
        return s == null ? Counts.NONE : s.read(window);
    }

    /** Records one outcome directly (tests, and callers outside the pool). */
    public void record(String providerModel, boolean success, long latencyNanos) {
        byModel.computeIfAbsent(providerModel, k -> new Series()).record(success, latencyNanos);
    }

    @Override
    public void acquired(Account account, String model, boolean failover) {
        // counted when the outcome is known
    }

    @Override
    public void succeeded(Account account, String model) {
        record(account.provider() + "/" + model, true, -1);
    }

    @Override
    public void succeeded(Account account, String model, long latencyNanos) {
        record(account.provider() + "/" + model, true, latencyNanos);
    }

    @Override
    public void failed(Account account, String model, FailureKind kind) {
        if (kind == FailureKind.SERVER) {
            record(account.provider() + "/" + model, false, -1);
        }
    }

    /** A ring of buckets; each remembers which bucket number it holds, so stale ones are skipped. */
    private final class Series {
        private final AtomicLongArray epoch = new AtomicLongArray(BUCKETS);
        private final AtomicLongArray successes = new AtomicLongArray(BUCKETS);
        private final AtomicLongArray failures = new AtomicLongArray(BUCKETS);
        private final AtomicLongArray latencyMicros = new AtomicLongArray(BUCKETS);
        /** Successes with a known latency (the mean's denominator). */
        private final AtomicLongArray timed = new AtomicLongArray(BUCKETS);

        Series() {
            for (int i = 0; i < BUCKETS; i++) {
                epoch.set(i, -1);
            }
        }

        void record(boolean success, long latencyNanos) {
            long bucket = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
            int i = (int) Math.floorMod(bucket, (long) BUCKETS);
            if (epoch.get(i) != bucket) {
                synchronized (this) {
                    if (epoch.get(i) != bucket) {
                        successes.set(i, 0);
                        failures.set(i, 0);
                        latencyMicros.set(i, 0);
                        timed.set(i, 0);
                        epoch.set(i, bucket);
                    }
                }
            }
            if (!success) {
                failures.incrementAndGet(i);
                return;
            }
            successes.incrementAndGet(i);
            if (latencyNanos >= 0) {
                latencyMicros.addAndGet(i, latencyNanos / 1_000);
                timed.incrementAndGet(i);
            }
        }

        Counts read(Duration window) {
            long now = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
            long n = Math.min(BUCKETS, Math.max(1, (window.toMillis() + BUCKET_MILLIS - 1) / BUCKET_MILLIS));
            long ok = 0;
            long failed = 0;
            long micros = 0;
            long withLatency = 0;
            for (long b = now - n + 1; b <= now; b++) {
                int i = (int) Math.floorMod(b, (long) BUCKETS);
                if (epoch.get(i) == b) {
                    ok += successes.get(i);
                    failed += failures.get(i);
                    micros += latencyMicros.get(i);
                    withLatency += timed.get(i);
                }
            }
            return new Counts(ok, failed, withLatency == 0 ? -1 : micros / 1_000.0 / withLatency);
        }
    }
}
