package dev.llmgateway.router.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.config.GatewayConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Deadline FAR = Deadline.after(Duration.ofHours(1));

    private static Backoff backoff(int maxAttempts, long initialMs, long maxBackoffMs, long maxRetryAfterMs) {
        return new Backoff(new GatewayConfig.Retry(maxAttempts, Duration.ofMillis(initialMs),
                Duration.ofMillis(maxBackoffMs), Duration.ofMillis(maxRetryAfterMs)));
    }

    private static ProviderFailure failure(boolean retryable, Duration retryAfter) {
        return new ProviderFailure(new UpstreamException(ErrorCategory.UPSTREAM, "m", "c"), retryable, retryAfter, 502);
    }

    private static final ProviderFailure RETRYABLE = failure(true, null);

    @Test
    void delay_notRetryable_givesUp() {
        assertEquals(-1, backoff(3, 100, 1000, 10_000).delayBeforeRetry(1, failure(false, null), FAR));
    }

    @Test
    void delay_notRetryableEvenWithRetryAfter_givesUp() {
        assertEquals(-1, backoff(3, 100, 1000, 10_000)
                .delayBeforeRetry(1, failure(false, Duration.ofMillis(10)), FAR));
    }

    @Test
    void delay_attemptsUsedUp_givesUp() {
        Backoff b = backoff(3, 100, 1000, 10_000);
        assertTrue(b.delayBeforeRetry(2, RETRYABLE, FAR) >= 0);
        assertEquals(-1, b.delayBeforeRetry(3, RETRYABLE, FAR));
        assertEquals(-1, b.delayBeforeRetry(4, RETRYABLE, FAR));
    }

    @Test
    void delay_singleAttemptConfigured_neverRetries() {
        assertEquals(-1, backoff(1, 100, 1000, 10_000).delayBeforeRetry(1, RETRYABLE, FAR));
    }

    @Test
    void delay_retryAfterWithinLimit_isUsedExactly() {
        Backoff b = backoff(3, 100, 1000, 10_000);
        assertEquals(7_000, b.delayBeforeRetry(1, failure(true, Duration.ofSeconds(7)), FAR));
        assertEquals(10_000, b.delayBeforeRetry(2, failure(true, Duration.ofSeconds(10)), FAR));
        assertEquals(0, b.delayBeforeRetry(1, failure(true, Duration.ZERO), FAR));
    }

    @Test
    void delay_retryAfterAboveMaxBackoffButWithinMaxRetryAfter_isNotCapped() {
        assertEquals(4_000, backoff(3, 100, 1000, 10_000).delayBeforeRetry(1, failure(true, Duration.ofSeconds(4)), FAR));
    }

    @Test
    void delay_retryAfterLongerThanMaxRetryAfter_givesUp() {
        assertEquals(-1, backoff(3, 100, 1000, 10_000)
                .delayBeforeRetry(1, failure(true, Duration.ofMillis(10_001)), FAR));
    }

    @Test
    void delay_retryAfterBeyondDeadline_givesUp() {
        assertEquals(-1, backoff(3, 100, 1000, 600_000)
                .delayBeforeRetry(1, failure(true, Duration.ofMinutes(5)), Deadline.after(Duration.ofSeconds(1))));
    }

    @Test
    void delay_backoffBeyondDeadline_givesUp() {
        assertEquals(-1, backoff(3, 60_000, 120_000, 10_000)
                .delayBeforeRetry(1, RETRYABLE, Deadline.after(Duration.ofSeconds(1))));
    }

    @Test
    void delay_expiredDeadline_givesUp() {
        assertEquals(-1, backoff(3, 100, 1000, 10_000)
                .delayBeforeRetry(1, failure(true, Duration.ZERO), Deadline.after(Duration.ZERO)));
    }

    @Test
    void delay_noRetryAfter_growsExponentiallyWithJitterWithinTwentyPercent() {
        Backoff b = backoff(10, 1000, 60_000, 10_000);
        for (int i = 0; i < 200; i++) {
            assertBetween(800, 1200, b.delayBeforeRetry(1, RETRYABLE, FAR));
            assertBetween(1600, 2400, b.delayBeforeRetry(2, RETRYABLE, FAR));
            assertBetween(3200, 4800, b.delayBeforeRetry(3, RETRYABLE, FAR));
            assertBetween(6400, 9600, b.delayBeforeRetry(4, RETRYABLE, FAR));
        }
    }

    @Test
    void delay_noRetryAfter_isCappedByMaxBackoffBeforeJitter() {
        Backoff b = backoff(10, 1000, 2500, 10_000);
        for (int i = 0; i < 200; i++) {
            assertBetween(2000, 3000, b.delayBeforeRetry(3, RETRYABLE, FAR));
            assertBetween(2000, 3000, b.delayBeforeRetry(9, RETRYABLE, FAR));
        }
    }

    @Test
    void delay_manyAttempts_doesNotOverflow() {
        Backoff b = backoff(10, 1000, 5000, 10_000);
        assertBetween(4000, 6000, b.delayBeforeRetry(9, RETRYABLE, FAR));
        Backoff many = new Backoff(new GatewayConfig.Retry(Integer.MAX_VALUE, Duration.ofMillis(1000),
                Duration.ofMillis(5000), Duration.ofSeconds(10)));
        assertBetween(4000, 6000, many.delayBeforeRetry(100, RETRYABLE, FAR));
    }

    @Test
    void delay_noRetryAfter_isJittered() {
        Backoff b = backoff(3, 1000, 5000, 10_000);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.delayBeforeRetry(1, RETRYABLE, FAR));
        }
        assertTrue(seen.size() > 1, "50 delays were all " + seen);
    }

    private static void assertBetween(long low, long high, long actual) {
        assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
    }
}
