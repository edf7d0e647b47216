package dev.llmgateway.cost.report;

import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Report latency over many usage rows on PostgreSQL: loads N raw events (default 10 million: 20
 * organizations, 200 keys, every key using all 8 models, 90 days, so the hourly rollup is near its
 * largest: about 3 events per key, model and hour) with SQL, builds the hourly and daily rollups from them
 * the way the engine keeps them, then times the report queries (best and worst of 5 runs each). Not a
 * test; run with {@code bench/reports.sh [rows]}.
 */
public final class ReportBench {

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            long t0 = System.nanoTime();
            try (Connection c = t.database().execute().unwrap(Connection.class); Statement s = c.createStatement()) {
                double step = 90.0 * 86400 / n;
                s.execute("INSERT INTO usage_events SELECT 'e' || g, TIMESTAMPTZ '2026-08-01 00:00:00+00' + g * "
                        + "INTERVAL '" + step + " second', 'r' || g, 'org_' || (g % 20), '', 'key_' || (g % 200), '', "
                        + "(ARRAY['gpt-4o','gpt-4o-mini','o3','claude-sonnet-4-5','claude-haiku-4-5','gemini-2.5-pro',"
                        + "'gemini-2.5-flash','llama-3.3-70b'])[(g / 200) % 8 + 1], 'openai', 'openai/main', 100 + g % 900, "
                        + "50 + g % 300, 0, g % 100, 0, (100 + g % 900) * 0.0000025 + (50 + g % 300) * 0.00001, false, "
                        + "100 + g % 500, 200, 'ok', 'bench', false FROM generate_series(1, " + n + ") g");
                System.out.printf("loaded %,d raw rows in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                for (String[] r : new String[][] {{"usage_hourly", "hour"}, {"usage_daily", "day"}}) {
                    s.execute("INSERT INTO " + r[0] + " SELECT DATE_TRUNC('" + r[1] + "', occurred_at), org_id, team_id, "
                            + "key_id, model, provider, COUNT(*), 0, SUM(input_tokens), SUM(output_tokens), "
                            + "SUM(cache_write_tokens), SUM(cache_read_tokens), SUM(reasoning_tokens), SUM(cost_usd) "
                            + "FROM usage_events GROUP BY 1, 2, 3, 4, 5, 6");
                }
                s.execute("ANALYZE");
                System.out.printf("built the rollups in %.1f s%n", (System.nanoTime() - t1) / 1e9);
                try (var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM usage_hourly), (SELECT COUNT(*) FROM usage_daily)")) {
                    rs.next();
                    System.out.printf("rollup rows: hourly %,d, daily %,d%n", rs.getLong(1), rs.getLong(2));
                }
            }
            UsageReports reports = new UsageReports(t.database());
            Instant from = Instant.parse("2026-08-01T00:00:00Z");
            Instant to = Instant.parse("2026-11-01T00:00:00Z");
            time("all organizations, total by organization, 90 days", () -> reports.report(new ReportQuery(from, to,
                    ReportQuery.Granularity.TOTAL, List.of("org_id"), Optional.empty(), Optional.empty(), Optional.empty())));
            time("all organizations, per day by organization, 90 days", () -> reports.report(new ReportQuery(from, to,
                    ReportQuery.Granularity.DAY, List.of("org_id"), Optional.empty(), Optional.empty(), Optional.empty())));
            time("one organization, per month by model", () -> reports.report(new ReportQuery(from, to,
                    ReportQuery.Granularity.MONTH, List.of("model"), Optional.of("org_7"), Optional.empty(),
                    Optional.empty())));
            time("one organization, per hour by model, 7 days", () -> reports.report(new ReportQuery(
                    Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-08T00:00:00Z"),
                    ReportQuery.Granularity.HOUR, List.of("model"), Optional.of("org_7"), Optional.empty(),
                    Optional.empty())));
            time("top 10 keys by cost, 90 days", () -> reports.top(from, to, "key_id", UsageReports.Rank.COST, 10,
                    Optional.empty()));
            time("month-end forecast, one organization", () -> List.of(reports.forecast(Optional.of("org_7"),
                    Instant.parse("2026-10-20T00:00:00Z"))));
        }
    }

    private static void time(String what, Supplier<List<?>> query) {
        double best = Double.MAX_VALUE;
        double worst = 0;
        int size = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            size = query.get().size();
            double ms = (System.nanoTime() - t0) / 1e6;
            best = Math.min(best, ms);
            worst = Math.max(worst, ms);
        }
        System.out.printf("%-55s %6d rows  best %8.1f ms  worst %8.1f ms%n", what, size, best, worst);
    }
}
