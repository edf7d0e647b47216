package dev.llmgateway.cost.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.event.Events;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL layout without TimescaleDB (the extension is not installed on these machines, so
 * this is the fallback the migration takes): monthly partitions, rows moved out of the DEFAULT
 * partition, retention by dropping whole months. And H2's plain table.
 */
class UsagePartitionsTest {

    private static long count(TestDatabase t, String table) {
        return t.database().execute().get("SELECT COUNT(*) AS n FROM " + table).map(r -> Rows.requiredLong(r, "n"))
                .orElse(0L);
    }

    private static List<UsageEvent> events(String org, Instant first, int n) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Events.event(org, "gpt-4o", 10, 5, "0.0001", first.plusSeconds(3600L * i)));
        }
        return out;
    }

    @Test
    void postgres_withoutTimescale_monthlyPartitionsTakeOverRowsAndRetentionDropsWholeMonths() {
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            UsagePartitions partitions = UsagePartitions.of(t.database());
            assertEquals(UsagePartitions.Layout.MONTHLY_PARTITIONS, partitions.layout());
            UsageStore store = new UsageStore(t.database());
            List<UsageEvent> october = events("org_a", Instant.parse("2026-10-31T12:00:00Z"), 30); // 12 in October, 18 in November
            store.accept(october);
            assertEquals(30, count(t, "usage_events_default"), "no monthly partitions yet: all in DEFAULT");

            assertEquals(List.of("usage_events_p2026_10", "usage_events_p2026_11", "usage_events_p2026_12",
                    "usage_events_p2027_01"), partitions.ensure(Instant.parse("2026-11-15T00:00:00Z")));
            assertEquals(List.of(), partitions.ensure(Instant.parse("2026-11-20T00:00:00Z")), "idempotent");
            assertEquals(0, count(t, "usage_events_default"));
            assertEquals(12, count(t, "usage_events_p2026_10"));
            assertEquals(18, count(t, "usage_events_p2026_11"));
            assertEquals(30, count(t, "usage_events"));

            store.accept(october); // a redelivery across partitions is still counted once
            store.accept(events("org_b", Instant.parse("2026-12-05T00:00:00Z"), 3));
            assertEquals(33, store.count());
            assertEquals(3, count(t, "usage_events_p2026_12"));
            assertEquals(33, t.database().execute().get("SELECT SUM(requests) AS n FROM usage_daily")
                    .map(r -> Rows.requiredLong(r, "n")).orElse(0L));

            assertEquals(2, partitions.dropBefore(Instant.parse("2026-12-01T00:00:00Z")));
            assertEquals(List.of("usage_events_p2026_12", "usage_events_p2027_01"), partitions.partitions());
            assertEquals(3, store.count());
            assertEquals(33, t.database().execute().get("SELECT SUM(requests) AS n FROM usage_daily")
                    .map(r -> Rows.requiredLong(r, "n")).orElse(0L), "rollups are kept");
        }
    }

    @Test
    void h2_plainTable_noUpkeep() {
        try (TestDatabase t = TestDatabase.open(DatabaseKind.H2)) {
            UsagePartitions partitions = UsagePartitions.of(t.database());
            assertEquals(UsagePartitions.Layout.PLAIN, partitions.layout());
            assertEquals(List.of(), partitions.ensure(Instant.now()));
            assertEquals(0, partitions.dropBefore(Instant.now()));
        }
    }
}
