package dev.llmgateway.router.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.FailureKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolStatsTest {

    private static final Account A = new Account("p/a", "a", "p", List.of(), 1, 0, Account.Limits.NONE);
    private static final Account B = new Account("p/b", "b", "p", List.of(), 1, 0, Account.Limits.NONE);
    private static final Account C = new Account("q/c", "c", "q", List.of(), 1, 0, Account.Limits.NONE);

    @Test
    void counters_perAccount_andSummedPerProvider_withUnusedAccountsAtZero() {
        PoolStats stats = new PoolStats(Instant.parse("2026-01-01T00:00:00Z"));
        stats.acquired(A, "m", false);
        stats.failed(A, "m", FailureKind.RATE_LIMITED);
        stats.acquired(B, "m", true);
        stats.succeeded(B, "m");
        stats.acquired(A, "m", false);
        stats.failed(A, "m", FailureKind.SERVER);

        JsonNode json = stats.json(List.of(A, B, C));

        assertEquals("2026-01-01T00:00:00Z", json.path("since").asText());
        JsonNode a = json.path("accounts").get(0);
        assertEquals("p/a", a.path("id").asText());
        assertEquals(2, a.path("requests").asLong());
        assertEquals(0, a.path("successes").asLong());
        assertEquals(2, a.path("failures").path("total").asLong());
        assertEquals(1, a.path("failures").path("rate_limited").asLong());
        assertEquals(1, a.path("failures").path("server").asLong());
        assertEquals(0, a.path("failovers").asLong());
        JsonNode c = json.path("accounts").get(2);
        assertEquals(0, c.path("requests").asLong());
        JsonNode p = json.path("providers").get(0);
        assertEquals("p", p.path("name").asText());
        assertEquals(3, p.path("requests").asLong());
        assertEquals(1, p.path("successes").asLong());
        assertEquals(1, p.path("failovers").asLong());
        assertEquals(2, json.path("providers").size());
    }

    @Test
    void concurrentUpdates_areAllCounted() throws InterruptedException {
        PoolStats stats = new PoolStats(Instant.EPOCH);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    stats.acquired(A, "m", false);
                    stats.succeeded(A, "m");
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(80_000, stats.totals("p/a").requests());
        assertEquals(80_000, stats.totals("p/a").successes());
    }
}
