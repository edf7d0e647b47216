package dev.llmgateway.router.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Windowed outcome counts per provider/model. */
class RecentOutcomesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final RecentOutcomes outcomes = new RecentOutcomes(clock);

    @Test
    void countsSuccessesFailuresAndMeanLatency_withinTheWindowOnly() {
        outcomes.record("p/m", true, 100_000_000);
        outcomes.record("p/m", false, -1);
        clock.advance(Duration.ofMinutes(3));
        outcomes.record("p/m", true, 300_000_000);
        outcomes.record("p/other", false, -1);

        RecentOutcomes.Counts five = outcomes.counts("p/m", Duration.ofMinutes(5));
        assertEquals(2, five.successes());
        assertEquals(1, five.failures());
        assertEquals(200, five.meanLatencyMillis(), 0.001);
        RecentOutcomes.Counts one = outcomes.counts("p/m", Duration.ofMinutes(1));
        assertEquals(1, one.successes());
        assertEquals(0, one.failures());

        clock.advance(Duration.ofMinutes(4));
        assertEquals(1, outcomes.counts("p/m", Duration.ofMinutes(5)).successes(), "the first two fell out");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(RecentOutcomes.Counts.NONE, outcomes.counts("p/m", Duration.ofMinutes(15)));
        assertEquals(RecentOutcomes.Counts.NONE, outcomes.counts("p/unknown", Duration.ofMinutes(5)));
    }

    @Test
    void aBucketReusedAfterTheRingWrapped_startsFromZero() {
        outcomes.record("p/m", false, -1);
        clock.advance(Duration.ofMillis(RecentOutcomes.BUCKET_MILLIS * RecentOutcomes.BUCKETS));
        outcomes.record("p/m", true, 1_000_000);
        RecentOutcomes.Counts c = outcomes.counts("p/m", Duration.ofMinutes(15));
        assertEquals(1, c.successes());
        assertEquals(0, c.failures());
    }

    @Test
    void onlyServerFailuresCount_asLeaseListener() {
        Account a = new Account("p/one", "one", "p", java.util.List.of(), 1, 0, Account.Limits.NONE);
        outcomes.failed(a, "m", FailureKind.SERVER);
        outcomes.failed(a, "m", FailureKind.RATE_LIMITED);
        outcomes.failed(a, "m", FailureKind.CLIENT);
        outcomes.succeeded(a, "m", 5_000_000);
        RecentOutcomes.Counts c = outcomes.counts("p/m", Duration.ofMinutes(5));
        assertEquals(1, c.failures());
        assertEquals(1, c.successes());
        assertEquals(5, c.meanLatencyMillis(), 0.001);
    }
}
