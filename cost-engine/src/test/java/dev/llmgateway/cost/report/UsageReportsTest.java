package dev.llmgateway.cost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmgateway.cost.event.Events;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsageReportsTest {

    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void report_byGranularityAndGroup_sumsMatch_andOrgScopeFilters(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            new UsageStore(t.database()).accept(List.of(
                    Events.event("org_a", "gpt-4o", 100, 10, "1.50", Instant.parse("2026-11-02T10:10:00Z")),
                    Events.event("org_a", "gpt-4o", 100, 10, "1.50", Instant.parse("2026-11-02T10:50:00Z")),
                    Events.event("org_a", "mini", 10, 1, "0.25", Instant.parse("2026-11-03T08:00:00Z")),
                    Events.event("org_b", "gpt-4o", 1000, 100, "9.00", Instant.parse("2026-11-03T09:00:00Z")),
                    Events.event("org_a", "gpt-4o", 1, 1, "100", Instant.parse("2026-10-31T23:00:00Z"))));
            UsageReports reports = new UsageReports(t.database());

            List<ReportRow> total = reports.report(new ReportQuery(NOV, DEC, ReportQuery.Granularity.TOTAL, List.of(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            assertEquals(1, total.size());
            assertEquals(4, total.get(0).requests());
            assertEquals(0, new BigDecimal("12.25").compareTo(total.get(0).costUsd()));

            List<ReportRow> byModel = reports.report(new ReportQuery(NOV, DEC, ReportQuery.Granularity.MONTH,
                    List.of("model"), Optional.of("org_a"), Optional.empty(), Optional.empty()));
            assertEquals(2, byModel.size());
            assertEquals("gpt-4o", byModel.get(0).group().get("model"));
            assertEquals(2, byModel.get(0).requests());
            assertEquals(NOV, byModel.get(0).bucket().orElseThrow());

            List<ReportRow> hourly = reports.report(new ReportQuery(NOV, DEC, ReportQuery.Granularity.HOUR,
                    List.of("org_id"), Optional.empty(), Optional.of("gpt-4o"), Optional.empty()));
            assertEquals(2, hourly.size(), hourly.toString());
            assertEquals(Instant.parse("2026-11-02T10:00:00Z"), hourly.get(0).bucket().orElseThrow());
            assertEquals(2, hourly.get(0).requests());

            assertThrows(IllegalArgumentException.class, () -> new ReportQuery(NOV, DEC,
                    ReportQuery.Granularity.DAY, List.of("secret_column"), Optional.empty(), Optional.empty(),
                    Optional.empty()));

            UsageReports.Forecast f = reports.forecast(Optional.of("org_a"), Instant.parse("2026-11-16T00:00:00Z"));
            assertEquals("2026-11", f.month());
            assertEquals(0, new BigDecimal("3.25").compareTo(f.spentUsd()));
            assertEquals(0, new BigDecimal("6.500000").compareTo(f.projectedUsd()), f.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void top_byModelRankedByCostOrRequests_largestFirstAndLimited(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            Instant day = Instant.parse("2026-11-10T10:00:00Z");
            store.accept(List.of(Events.event("org_a", "gpt-4o", 1, 1, "3.00", day),
                    Events.event("org_a", "gpt-4o-mini", 1, 1, "0.10", day),
                    Events.event("org_a", "gpt-4o-mini", 1, 1, "0.10", day),
                    Events.event("org_a", "gpt-4o-mini", 1, 1, "0.10", day),
                    Events.event("org_a", "claude-sonnet-4-5", 1, 1, "1.00", day),
                    Events.event("org_b", "o3", 1, 1, "50", day)));
            UsageReports reports = new UsageReports(t.database());
            List<ReportRow> byCost = reports.top(NOV, DEC, "model", UsageReports.Rank.COST, 2, Optional.of("org_a"));
            assertEquals(List.of("gpt-4o", "claude-sonnet-4-5"), byCost.stream().map(r -> r.group().get("model")).toList());
            assertEquals(0, byCost.get(0).costUsd().compareTo(new BigDecimal("3")));
            List<ReportRow> byRequests = reports.top(NOV, DEC, "model", UsageReports.Rank.REQUESTS, 10, Optional.empty());
            assertEquals("gpt-4o-mini", byRequests.get(0).group().get("model"));
            assertEquals(3, byRequests.get(0).requests());
            assertEquals(4, byRequests.size());
            assertThrows(IllegalArgumentException.class,
                    () -> reports.top(NOV, DEC, "secret", UsageReports.Rank.COST, 2, Optional.empty()));
        }
    }
}
