package dev.llmgateway.cost.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.event.Events;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsageStoreTest {

    private static long sum(TestDatabase t, String sql) {
        return t.database().execute().get(sql).map(r -> Rows.longValue(r, "s").orElse(0L)).orElse(0L);
    }

    private static BigDecimal cost(TestDatabase t, String table) {
        return t.database().execute().get("SELECT SUM(cost_usd) AS s FROM " + table)
                .flatMap(r -> Rows.decimal(r, "s")).orElse(BigDecimal.ZERO);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void accept_redeliveredEvents_countedOnce_inRawRowsAndRollups(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            List<UsageEvent> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Events.event(i));
            }
            batch.add(Events.event("org_b", "claude-sonnet-4-5", 1000, 200, "0.006", Instant.parse("2026-11-23T01:00:00Z")));
            store.accept(batch);
            store.accept(batch.subList(0, 50)); // a redelivery
            List<UsageEvent> twiceInOne = List.of(batch.get(3), batch.get(3));
            store.accept(twiceInOne);

            assertEquals(101, store.count());
            assertEquals(101, sum(t, "SELECT SUM(requests) AS s FROM usage_hourly"));
            assertEquals(101, sum(t, "SELECT SUM(requests) AS s FROM usage_daily"));
            assertEquals(sum(t, "SELECT SUM(input_tokens) AS s FROM usage_events"),
                    sum(t, "SELECT SUM(input_tokens) AS s FROM usage_daily"));
            assertEquals(0, new BigDecimal("0.018500").compareTo(cost(t, "usage_events")), cost(t, "usage_events") + "");
            assertEquals(0, cost(t, "usage_events").compareTo(cost(t, "usage_hourly")));
            assertEquals(0, cost(t, "usage_events").compareTo(cost(t, "usage_daily")));
            assertEquals(2, sum(t, "SELECT COUNT(*) AS s FROM usage_daily"), "one day per organization here");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void accept_concurrentWritersOfOverlappingBatches_countEachEventOnce(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            List<UsageEvent> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                all.add(Events.event(i % 60));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < all.size(); i += 50) {
                            store.accept(all.subList(i, Math.min(all.size(), i + 50)));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(400, store.count());
            assertEquals(400, sum(t, "SELECT SUM(requests) AS s FROM usage_hourly"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void retention_deletesOldRawRows_keepsRollups(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            store.accept(List.of(Events.event("org_a", "m", 1, 1, "0.1", Instant.parse("2026-01-01T00:00:00Z")),
                    Events.event("org_a", "m", 1, 1, "0.1", Instant.parse("2026-11-01T00:00:00Z"))));
            assertEquals(1, store.deleteRawBefore(Instant.parse("2026-06-01T00:00:00Z")));
            assertEquals(1, store.count());
            assertEquals(2, sum(t, "SELECT SUM(requests) AS s FROM usage_daily"));
        }
    }
}
