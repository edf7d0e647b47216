package dev.llmgateway.router.pool;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one account: health, requests in flight, a latency average (EWMA, alpha 0.2)
 * and per-minute request and token counts for its limits. Thread-safe.
 */
final class AccountRuntime {

    private static final double ALPHA = 0.2;

    private final Account account;
    private final AccountHealth health;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private double latencyMillis = -1;
    private long windowStart;
    private int requestsInWindow;
    private long tokensInWindow;
    /** Smooth weighted round robin's running weight; guarded by the strategy. */
    long currentWeight;

    AccountRuntime(Account account, AccountHealth health, Clock clock) {
        this.account = account;
        this.health = health;
        this.clock = clock;
    }

    Account account() {
        return account;
    }

    AccountHealth health() {
        return health;
    }

    int inFlight() {
        return inFlight.get();
    }

    synchronized double latencyMillis() {
        return latencyMillis;
    }

    /** Whether the account's limits leave room for one more request now. */
    synchronized boolean underLimits() {
        Account.Limits l = account.limits();
        rollWindow();
        return (l.maxConcurrency() == 0 || inFlight.get() < l.maxConcurrency())
                && (l.requestsPerMinute() == 0 || requestsInWindow < l.requestsPerMinute())
                && (l.tokensPerMinute() == 0 || tokensInWindow < l.tokensPerMinute());
    }

    synchronized void started() {
        rollWindow();
        requestsInWindow++;
        inFlight.incrementAndGet();
    }

    synchronized void finished(long latencyNanos, long tokens) {
        inFlight.decrementAndGet();
        rollWindow();
        tokensInWindow += tokens;
        if (latencyNanos >= 0) {
            double ms = latencyNanos / 1e6;
            latencyMillis = latencyMillis < 0 ? ms : ALPHA * ms + (1 - ALPHA) * latencyMillis;
        }
    }

    private void rollWindow() {
        long minute = clock.millis() / 60_000;
        if (minute != windowStart) {
            windowStart = minute;
            requestsInWindow = 0;
            tokensInWindow = 0;
        }
    }
}
