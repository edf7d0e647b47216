package dev.llmgateway.router.ratelimit;

import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One key's last minute: when its requests were admitted, the tokens of those that completed, and
 * how many are in flight. A sliding window (exact, not two fixed windows blended). Guarded by its
 * own monitor: every method is called while holding it.
 */
final class KeyWindow {

    static final long WINDOW_MS = 60_000;

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    /** {@code {at, tokens}} of completed requests, oldest first. */
    private final ArrayDeque<long[]> tokens = new ArrayDeque<>();
    private long tokenSum;
    private int inFlight;
    /** Set when the window was dropped from the limiter's map; a caller holding it must look again. */
    boolean retired;

    /** Why a new request must wait, or empty when it may go now. */
    Optional<Refusal> check(RateLimits limits, long now) {
        prune(now);
        if (limits.maxConcurrency() > 0 && inFlight >= limits.maxConcurrency()) {
            return Optional.of(new Refusal(Limit.CONCURRENCY, limits.maxConcurrency(), Duration.ofSeconds(1)));
        }
        if (limits.requestsPerMinute() > 0 && admitted.size() >= limits.requestsPerMinute()) {
            // the oldest request in the window leaves it first
            return Optional.of(new Refusal(Limit.REQUESTS, limits.requestsPerMinute(),
                    Duration.ofMillis(admitted.peekFirst() + WINDOW_MS - now)));
        }
        if (limits.tokensPerMinute() > 0 && tokenSum >= limits.tokensPerMinute()) {
            return Optional.of(new Refusal(Limit.TOKENS, limits.tokensPerMinute(), untilTokensBelow(limits, now)));
        }
        return Optional.empty();
    }

    void admit(RateLimits limits, long now) {
        if (limits.requestsPerMinute() > 0) {
            admitted.addLast(now);
        }
        inFlight++;
    }

    void release(long usedTokens, boolean countTokens, long now) {
        inFlight--;
        if (countTokens && usedTokens > 0) {
            tokens.addLast(new long[] {now, usedTokens});
            tokenSum += usedTokens;
        }
    }

    /** True when nothing is in flight or remembered, so dropping the window loses nothing. */
    boolean idle(long now) {
        prune(now);
        return inFlight == 0 && admitted.isEmpty() && tokens.isEmpty();
    }

    private void prune(long now) {
        long cutoff = now - WINDOW_MS;
        while (!admitted.isEmpty() && admitted.peekFirst() <= cutoff) {
            admitted.pollFirst();
        }
        while (!tokens.isEmpty() && tokens.peekFirst()[0] <= cutoff) {
            tokenSum -= tokens.pollFirst()[1];
        }
    }

    private Duration untilTokensBelow(RateLimits limits, long now) {
        long remaining = tokenSum;
        for (long[] entry : tokens) {
            remaining -= entry[1];
            if (remaining < limits.tokensPerMinute()) {
                return Duration.ofMillis(entry[0] + WINDOW_MS - now);
            }
        }
        return Duration.ofSeconds(1);
    }

    /** Which of a key's limits stopped a request. */
    enum Limit { REQUESTS, TOKENS, CONCURRENCY }

    /** A refused request: the limit, its value, and how long until it may succeed. */
    record Refusal(Limit limit, long value, Duration retryAfter) {
    }
}
