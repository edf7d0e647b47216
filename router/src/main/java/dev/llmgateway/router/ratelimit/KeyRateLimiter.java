package dev.llmgateway.router.ratelimit;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.error.RateLimitedException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each client key's own rate limits ({@link ClientIdentity#limits()}): requests per minute and
 * tokens per minute over a sliding one-minute window, and requests in flight. Tokens are counted
 * when a request completes, so a key may go over its token limit by what its requests in flight
 * use. The counts live in this process only: with several gateway instances each one enforces
 * the limits on its own share of the traffic. Thread-safe.
 */
public final class KeyRateLimiter {

    /** How many admissions pass between two sweeps of idle keys. */
    private static final long SWEEP_EVERY = 1024;

    /** What a request holds while it runs. */
    @FunctionalInterface
    public interface Permit {
        /** Gives back the concurrency slot and counts {@code tokens}; only the first call counts. */
        void release(long tokens);
    }

    private static final Permit UNLIMITED = tokens -> { };

    private final Clock clock;
    private final ConcurrentHashMap<String, KeyWindow> windows = new ConcurrentHashMap<>();
    private final AtomicLong admissions = new AtomicLong();

    public KeyRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Admits a request by {@code caller} or throws a 429 {@code rate_limit_exceeded} whose
     * Retry-After says when the limit that stopped it allows the next one.
     */
    public Permit acquire(ClientIdentity caller) {
        RateLimits limits = caller.limits();
        if (!limits.any()) {
            return UNLIMITED;
        }
        long now = clock.millis();
        if (admissions.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        while (true) {
            KeyWindow w = windows.computeIfAbsent(caller.keyId(), k -> new KeyWindow());
            synchronized (w) {
                if (w.retired) {
                    continue;
                }
                Optional<KeyWindow.Refusal> refusal = w.check(limits, now);
                if (refusal.isPresent()) {
                    throw exception(caller, refusal.get());
                }
                w.admit(limits, now);
            }
            return release(w, limits.tokensPerMinute() > 0);
        }
    }

    /** Keys currently remembered, for tests. */
    int trackedKeys() {
        return windows.size();
    }

    /** Drops the windows of keys with nothing in flight and nothing in the last minute. */
    void sweep(long now) {
        windows.forEach((key, w) -> {
            synchronized (w) {
                if (w.idle(now)) {
                    w.retired = true;
                    windows.remove(key, w);
                }
            }
        });
    }

    private Permit release(KeyWindow w, boolean countTokens) {
        AtomicBoolean released = new AtomicBoolean();
        return tokens -> {
            if (released.compareAndSet(false, true)) {
                synchronized (w) {
                    w.release(tokens, countTokens, clock.millis());
                }
            }
        };
    }

    private static RateLimitedException exception(ClientIdentity caller, KeyWindow.Refusal r) {
        long seconds = Math.max(1, (r.retryAfter().toMillis() + 999) / 1000);
        String message = switch (r.limit()) {
            case REQUESTS -> "Key '" + caller.name() + "' is limited to " + r.value()
                    + " requests per minute; try again in " + seconds + " s.";
            case TOKENS -> "Key '" + caller.name() + "' is limited to " + r.value()
                    + " tokens per minute and has used them; try again in " + seconds + " s.";
            case CONCURRENCY -> "Key '" + caller.name() + "' is limited to " + r.value()
                    + " requests at a time; wait for one to finish.";
        };
        return new RateLimitedException(message, "rate_limit_exceeded", r.retryAfter());
    }
}
