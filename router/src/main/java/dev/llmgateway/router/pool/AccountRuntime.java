package dev.llmgateway.router.pool;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one account: health per model (providers rate limit and fail per model, so a
 * 429 on one model must not stop the others), an account-wide switch (rejected credentials or an
 * operator), requests in flight, a latency average (EWMA, alpha 0.2) and per-minute request and
 * token counts for its limits. Thread-safe.
 */
final class AccountRuntime {

    private static final double ALPHA = 0.2;

    private final Account account;
    private final java.util.function.Function<String, AccountHealth> newHealth;
    private final java.util.concurrent.ConcurrentHashMap<String, AccountHealth> byModel =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    /** Account-wide: null while enabled; otherwise why not. */
    private String disabledReason;
    private boolean disabledByOperator;
    private final AtomicInteger inFlight = new AtomicInteger();
    private double latencyMillis = -1;
    private long windowStart;
    private int requestsInWindow;
    private long tokensInWindow;
    /** Smooth weighted round robin's running weight; guarded by the strategy. */
    long currentWeight;

    AccountRuntime(Account account, java.util.function.Function<String, AccountHealth> newHealth, Clock clock) {
        this.account = account;
        this.newHealth = newHealth;
        this.clock = clock;
    }

    Account account() {
        return account;
    }

    /** The health of this account for one model; created on first use, disabled if the account is. */
    synchronized AccountHealth health(String model) {
        AccountHealth h = byModel.get(model);
        if (h == null) {
            h = newHealth.apply(model);
            if (disabledReason != null) {
                if (disabledByOperator) {
                    h.setEnabled(false);
                } else {
                    h.onFailure(FailureKind.CREDENTIALS, java.util.Optional.empty(), disabledReason);
                }
            }
            byModel.put(model, h);
        }
        return h;
    }

    synchronized java.util.Map<String, AccountHealth> healthByModel() {
        return java.util.Map.copyOf(byModel);
    }

    synchronized java.util.Optional<String> disabledReason() {
        return java.util.Optional.ofNullable(disabledReason);
    }

    synchronized boolean disabledByOperator() {
        return disabledByOperator;
    }

    /** Rejected credentials or an operator switch apply to every model of the account. */
    synchronized void disable(String reason, boolean byOperator) {
        disabledReason = reason;
        disabledByOperator = byOperator;
        for (AccountHealth h : byModel.values()) {
            if (byOperator) {
                h.setEnabled(false);
            } else {
                h.onFailure(FailureKind.CREDENTIALS, java.util.Optional.empty(), reason);
            }
        }
    }

    synchronized void enable() {
        disabledReason = null;
        disabledByOperator = false;
        for (AccountHealth h : byModel.values()) {
            h.setEnabled(true);
        }
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

    /** Tokens learned after the request was reported (streams bill at their end). */
    synchronized void addTokens(long tokens) {
        rollWindow();
        tokensInWindow += tokens;
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
