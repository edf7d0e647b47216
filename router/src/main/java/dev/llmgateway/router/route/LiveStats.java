package dev.llmgateway.router.route;

import java.time.Duration;

/**
 * Recent upstream outcomes per candidate model ({@code provider/model}), as the account pool saw
 * them: attempts that succeeded, attempts that failed on the upstream's side (5xx, timeouts,
 * connection failures, broken streams) and the mean latency of the successes. Implementations must
 * answer without locks: this is read on every routed request.
 */
public interface LiveStats {

    /** No statistics: every candidate looks unused, so live scores never skip one. */
    LiveStats NONE = (model, window) -> Sample.EMPTY;

    /** What was recorded for {@code model} during the last {@code window}. */
    Sample sample(String model, Duration window);

    /** Counts over a window; {@code meanLatencyMillis} is negative when nothing succeeded. */
    record Sample(long successes, long failures, double meanLatencyMillis) {
        public static final Sample EMPTY = new Sample(0, 0, -1);

        public long attempts() {
            return successes + failures;
        }

        /** Failures over attempts; 0 without attempts. */
        public double errorRate() {
            long n = attempts();
            return n == 0 ? 0 : (double) failures / n;
        }
    }
}
