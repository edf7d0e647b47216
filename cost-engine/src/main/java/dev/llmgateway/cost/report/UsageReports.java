package dev.llmgateway.cost.report;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage and cost reports from the rollups (never the raw events, so they stay fast however many
 * requests there were): sums per time bucket and group, and a month-end forecast from the month's
 * trend so far. Works on H2 and PostgreSQL. Thread-safe.
 */
public final class UsageReports {

    private static final String SUMS = "SUM(requests) AS requests, SUM(errors) AS errors, "
            + "SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, "
            + "SUM(cache_write_tokens) AS cache_write_tokens, SUM(cache_read_tokens) AS cache_read_tokens, "
            + "SUM(reasoning_tokens) AS reasoning_tokens, SUM(cost_usd) AS cost_usd";

    private final Database db;

    public UsageReports(Database db) {
        this.db = db;
    }

    public List<ReportRow> report(ReportQuery q) {
        String table = q.granularity() == ReportQuery.Granularity.HOUR ? "usage_hourly" : "usage_daily";
        String bucket = switch (q.granularity()) {
            case HOUR, DAY -> "bucket";
            case MONTH -> "DATE_TRUNC('month', bucket)";
            case TOTAL -> null;
        };
        List<String> select = new ArrayList<>();
        if (bucket != null) {
            select.add(bucket + " AS b");
        }
        select.addAll(q.groupBy());
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select));
        sql.append(select.isEmpty() ? "" : ", ").append(SUMS).append(" FROM ").append(table)
                .append(" WHERE bucket >= ? AND bucket < ?");
        List<Object> params = new ArrayList<>(List.of(Rows.time(q.from()), Rows.time(q.to())));
        q.orgId().ifPresent(o -> {
            sql.append(" AND org_id = ?");
            params.add(o);
        });
        q.model().ifPresent(m -> {
            sql.append(" AND model = ?");
            params.add(m);
        });
        q.keyId().ifPresent(k -> {
            sql.append(" AND key_id = ?");
            params.add(k);
        });
        if (!select.isEmpty()) {
            List<String> groups = new ArrayList<>();
            if (bucket != null) {
                groups.add(bucket);
            }
            groups.addAll(q.groupBy());
            sql.append(" GROUP BY ").append(String.join(", ", groups)).append(" ORDER BY ")
                    .append(String.join(", ", groups));
        }
        return db.execute().createQuery(sql.toString()).params(params).execute()
                .map(r -> row(r, bucket != null, q.groupBy())).filter(r -> r.requests() > 0).toList();
    }

    /** What a top-N list ranks by. */
    public enum Rank {
        COST("SUM(cost_usd)"), REQUESTS("SUM(requests)"), TOKENS("SUM(input_tokens) + SUM(output_tokens)"),
        ERRORS("SUM(errors)");

        private final String expression;

        Rank(String expression) {
            this.expression = expression;
        }
    }

    /**
     * The {@code n} largest groups of {@code dimension} by {@code rank} over {@code [from, to)} (whole
     * days of the daily rollup), largest first; ties in dimension order.
     */
    public List<ReportRow> top(Instant from, Instant to, String dimension, Rank rank, int n, Optional<String> orgId) {
        if (!ReportQuery.DIMENSIONS.contains(dimension)) {
            throw new IllegalArgumentException("cannot rank by '" + dimension + "'; choose from " + ReportQuery.DIMENSIONS);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(dimension).append(", ").append(SUMS)
                .append(" FROM usage_daily WHERE bucket >= ? AND bucket < ?");
        List<Object> params = new ArrayList<>(List.of(Rows.time(from), Rows.time(to)));
        orgId.ifPresent(o -> {
            sql.append(" AND org_id = ?");
            params.add(o);
        });
        sql.append(" GROUP BY ").append(dimension).append(" ORDER BY ").append(rank.expression).append(" DESC, ")
                .append(dimension).append(" LIMIT ?");
        params.add(n);
        return db.execute().createQuery(sql.toString()).params(params).execute()
                .map(r -> row(r, false, List.of(dimension))).toList();
    }

    /**
     * Spent so far in the calendar month (UTC) containing {@code now}, and the month-end forecast: the
     * average per elapsed day times the days in the month.
     */
    public Forecast forecast(Optional<String> orgId, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<ReportRow> rows = report(new ReportQuery(start, end, ReportQuery.Granularity.TOTAL, List.of(), orgId,
                Optional.empty(), Optional.empty()));
        BigDecimal spent = rows.isEmpty() ? BigDecimal.ZERO : rows.get(0).costUsd();
        double elapsedDays = Math.max(1.0 / 24, Duration.between(start, now).toMinutes() / 1440.0);
        BigDecimal perDay = spent.divide(BigDecimal.valueOf(elapsedDays), 9, RoundingMode.HALF_UP);
        BigDecimal projected = perDay.multiply(BigDecimal.valueOf(month.lengthOfMonth())).setScale(6,
                RoundingMode.HALF_UP);
        return new Forecast(month.toString(), spent, projected.max(spent));
    }

    /** The month, what was spent in it so far, and the projected total at its end (USD). */
    public record Forecast(String month, BigDecimal spentUsd, BigDecimal projectedUsd) {
    }

    private static ReportRow row(DbRow r, boolean withBucket, List<String> groupBy) {
        Map<String, String> group = new LinkedHashMap<>();
        groupBy.forEach(d -> group.put(d, Rows.string(r, d).orElse("")));
        return new ReportRow(withBucket ? Rows.instant(r, "b") : Optional.empty(), group,
                Rows.longValue(r, "requests").orElse(0L), Rows.longValue(r, "errors").orElse(0L),
                Rows.longValue(r, "input_tokens").orElse(0L), Rows.longValue(r, "output_tokens").orElse(0L),
                Rows.longValue(r, "cache_write_tokens").orElse(0L), Rows.longValue(r, "cache_read_tokens").orElse(0L),
                Rows.longValue(r, "reasoning_tokens").orElse(0L), Rows.decimal(r, "cost_usd").orElse(BigDecimal.ZERO));
    }
}
