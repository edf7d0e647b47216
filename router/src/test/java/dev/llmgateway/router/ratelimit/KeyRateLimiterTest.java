package dev.llmgateway.router.ratelimit;

import dev.llmgateway.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.error.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final KeyRateLimiter limiter = new KeyRateLimiter(clock);

    private static ClientIdentity key(RateLimits limits) {
        return new ClientIdentity("lgw_abc", "team-a", List.of(), Permission.READ_WRITE, ClientIdentity.Tenant.NONE,
                limits);
    }

    @Test
    void acquire_requestsPerMinuteReached_refusedUntilTheOldestLeavesTheWindow() {
        ClientIdentity k = key(new RateLimits(2, 0, 0));
        limiter.acquire(k).release(0);
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire(k).release(0);
        clock.advance(Duration.ofSeconds(10));
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire(k));
        assertEquals(Optional.of("rate_limit_exceeded"), e.code());
        assertEquals(Optional.of(Duration.ofSeconds(40)), e.retryAfter());
        assertEquals("Key 'team-a' is limited to 2 requests per minute; try again in 40 s.", e.getMessage());
        clock.advance(Duration.ofSeconds(40));
        limiter.acquire(k); // the first request left the sliding window
        assertThrows(RateLimitedException.class, () -> limiter.acquire(k));
    }

    @Test
    void acquire_tokensPerMinute_countedWhenRequestsComplete() {
        ClientIdentity k = key(new RateLimits(0, 100, 0));
        KeyRateLimiter.Permit first = limiter.acquire(k);
        KeyRateLimiter.Permit second = limiter.acquire(k); // nothing used yet: in flight counts nothing
        first.release(70);
        clock.advance(Duration.ofSeconds(5));
        second.release(50);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire(k));
        assertEquals(Optional.of(Duration.ofSeconds(55)), e.retryAfter(), "until the first 70 leave the window");
        clock.advance(Duration.ofSeconds(55));
        limiter.acquire(k);
    }

    @Test
    void release_calledTwice_givesBackOneSlot() {
        ClientIdentity k = key(new RateLimits(0, 0, 1));
        KeyRateLimiter.Permit p = limiter.acquire(k);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire(k));
        assertEquals(Optional.of(Duration.ofSeconds(1)), e.retryAfter());
        p.release(0);
        p.release(0);
        limiter.acquire(k);
        assertThrows(RateLimitedException.class, () -> limiter.acquire(k), "still one slot, not two");
    }

    @Test
    void acquire_manyThreadsAgainstConcurrencyOfFive_exactlyFiveHold() throws Exception {
        ClientIdentity k = key(new RateLimits(0, 0, 5));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        limiter.acquire(k);
                        return true;
                    } catch (RateLimitedException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Boolean> f : results) {
                admitted += f.get() ? 1 : 0;
            }
            assertEquals(5, admitted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sweep_idleKeysDropped_keysWithRequestsInFlightKept() {
        assertEquals(0, limiter.trackedKeys());
        limiter.acquire(key(RateLimits.NONE));
        assertEquals(0, limiter.trackedKeys(), "keys without limits are not tracked");
        KeyRateLimiter.Permit held = limiter.acquire(key(new RateLimits(0, 0, 3)));
        ClientIdentity other = new ClientIdentity("lgw_def", "b", List.of(), Permission.READ_WRITE,
                ClientIdentity.Tenant.NONE, new RateLimits(5, 0, 0));
        limiter.acquire(other).release(0);
        clock.advance(Duration.ofMinutes(2));
        limiter.sweep(clock.millis());
        assertEquals(1, limiter.trackedKeys());
        held.release(0);
        limiter.acquire(key(new RateLimits(0, 0, 1))); // the same window, found again
        assertEquals(1, limiter.trackedKeys());
    }
}
