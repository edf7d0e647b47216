package dev.llmgateway.router.route;

import java.time.Duration;

/**
 * How a routing policy adjusts its choice by what the gateway saw recently ({@code live-window}):
 * a candidate is skipped when its upstream error rate is above {@code maxErrorRate}, or when its
 * mean latency is more than {@code maxLatencyRatio} times the median of its peers' — each only once
 * the candidate has at least {@code minRequests} recorded attempts (successes, for latency), so a
 * single failure does not move traffic. {@code maxErrorRate} 1 or {@code maxLatencyRatio} 0 turn
 * the respective check off. See {@link LiveScore} for the whole rule.
 */
public record LiveRules(double maxErrorRate, int minRequests, double maxLatencyRatio, Duration window) {

    /** The longest window the gateway keeps statistics for. */
    public static final Duration MAX_WINDOW = Duration.ofMinutes(15);
    /** The shortest window: one statistics bucket. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(10);

    /** Error rate above 25 %, or latency above 3 times the peers' median, over 5 minutes and 10 attempts. */
    public static final LiveRules DEFAULTS = new LiveRules(0.25, 10, 3.0, Duration.ofMinutes(5));

    public LiveRules {
        if (maxErrorRate < 0 || maxErrorRate > 1 || minRequests < 1 || maxLatencyRatio < 0
                || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("live rules out of range: " + maxErrorRate + ", " + minRequests + ", "
                    + maxLatencyRatio + ", " + window);
        }
    }

    boolean checksErrors() {
        return maxErrorRate < 1;
    }

    boolean checksLatency() {
        return maxLatencyRatio > 0;
    }
}
