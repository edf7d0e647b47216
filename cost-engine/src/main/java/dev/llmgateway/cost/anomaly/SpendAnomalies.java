package dev.llmgateway.cost.anomaly;

import dev.llmgateway.cost.alert.Alert;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds organizations whose spend in the current hour (so far) or the previous hour is far above
 * their recent baseline (see {@link AnomalySettings}), from the hourly rollup. Each anomaly is
 * recorded once per organization and hour ({@code spend_anomalies}) and raised as a
 * {@code spend.anomaly} alert by the instance that recorded it. Thread-safe.
 */
public final class SpendAnomalies {

    private static final Logger LOG = Logger.getLogger(SpendAnomalies.class.getName());
    private static final int SCALE = 9;

    private final Database db;
    private final Alerts alerts;
    private final AnomalySettings settings;
    private final Clock clock;

    public SpendAnomalies(Database db, Alerts alerts, AnomalySettings settings, Clock clock) {
        this.db = db;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks now; returns the anomalies newly recorded (and raised) by this call. */
    public List<SpendAnomaly> check() {
        Instant now = clock.instant();
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        Instant previous = current.minus(Duration.ofHours(1));
        Instant from = previous.minus(settings.baseline());
        Map<String, TreeMap<Instant, BigDecimal>> byOrg = new HashMap<>();
        db.execute().query("SELECT org_id, bucket, SUM(cost_usd) AS cost FROM usage_hourly WHERE bucket >= ? "
                        + "AND org_id <> '' GROUP BY org_id, bucket", Rows.time(from))
                .forEach(r -> byOrg.computeIfAbsent(Rows.requiredString(r, "org_id"), k -> new TreeMap<>())
                        .put(Rows.requiredInstant(r, "bucket"), Rows.decimal(r, "cost").orElse(BigDecimal.ZERO)));
        List<SpendAnomaly> found = new ArrayList<>();
        byOrg.forEach((org, hours) -> {
            for (Instant bucket : List.of(previous, current)) {
                evaluate(org, hours, bucket, now).filter(this::record).ifPresent(a -> {
                    found.add(a);
                    alerts.raise(alert(a));
                });
            }
        });
        return found;
    }

    /** Checks and never throws, for the background job. */
    public void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "spend anomaly check failed (tried again later)", e);
        }
    }

    /** The anomalies recorded for {@code org}, newest first, at most {@code limit}. */
    public List<SpendAnomaly> recent(String org, int limit) {
        return db.execute().query("SELECT org_id, bucket, cost_usd, baseline_mean, baseline_stddev, threshold_usd, "
                        + "detected_at FROM spend_anomalies WHERE org_id = ? ORDER BY bucket DESC LIMIT ?", org, limit)
                .map(r -> new SpendAnomaly(Rows.requiredString(r, "org_id"), Rows.requiredInstant(r, "bucket"),
                        Rows.decimal(r, "cost_usd").orElseThrow(), Rows.decimal(r, "baseline_mean").orElseThrow(),
                        Rows.decimal(r, "baseline_stddev").orElseThrow(), Rows.decimal(r, "threshold_usd").orElseThrow(),
                        Rows.requiredInstant(r, "detected_at"))).toList();
    }

    /** The anomaly of {@code org} in the hour {@code bucket}, if its spend is one. */
    java.util.Optional<SpendAnomaly> evaluate(String org, TreeMap<Instant, BigDecimal> hours, Instant bucket, Instant now) {
        BigDecimal cost = hours.getOrDefault(bucket, BigDecimal.ZERO);
        if (cost.compareTo(settings.minUsd()) < 0) {
            return java.util.Optional.empty();
        }
        Instant baselineFrom = bucket.minus(settings.baseline());
        Instant first = hours.firstKey();
        if (first.isAfter(bucket.minus(settings.minHistory())) || !first.isBefore(bucket)) {
            return java.util.Optional.empty(); // too little history to know what normal is
        }
        Instant start = first.isAfter(baselineFrom) ? first : baselineFrom;
        long n = Duration.between(start, bucket).toHours();
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal c : hours.subMap(start, true, bucket, false).values()) {
            sum = sum.add(c);
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), SCALE, RoundingMode.HALF_UP);
        BigDecimal squares = BigDecimal.ZERO;
        Map<Instant, BigDecimal> window = hours.subMap(start, true, bucket, false);
        for (long h = 0; h < n; h++) {
            BigDecimal d = window.getOrDefault(start.plus(Duration.ofHours(h)), BigDecimal.ZERO).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        BigDecimal stddev = squares.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64).sqrt(MathContext.DECIMAL64)
                .setScale(SCALE, RoundingMode.HALF_UP);
        BigDecimal threshold = mean.add(stddev.multiply(BigDecimal.valueOf(settings.sigmas())))
                .max(mean.multiply(BigDecimal.valueOf(settings.ratio()))).max(settings.minUsd())
                .setScale(SCALE, RoundingMode.HALF_UP);
        if (cost.compareTo(threshold) <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SpendAnomaly(org, bucket, cost, mean, stddev, threshold, now));
    }

    /** True when this call recorded the anomaly first (any instance may find it). */
    private boolean record(SpendAnomaly a) {
        try {
            db.execute().insert("INSERT INTO spend_anomalies (org_id, bucket, cost_usd, baseline_mean, baseline_stddev, "
                    + "threshold_usd, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)", a.orgId(), Rows.time(a.bucket()),
                    a.cost(), a.baselineMean(), a.baselineStddev(), a.threshold(), Rows.time(a.detectedAt()));
            return true;
        } catch (RuntimeException e) {
            if (Rows.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    static Alert alert(SpendAnomaly a) {
        String cost = a.cost().stripTrailingZeros().toPlainString();
        String mean = a.baselineMean().setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        String title = "organization " + a.orgId() + " spent " + cost + " USD in the hour from " + a.bucket()
                + " (usually about " + mean + " USD an hour)";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hour", a.bucket().toString());
        fields.put("cost_usd", cost);
        fields.put("baseline_mean_usd", a.baselineMean().stripTrailingZeros().toPlainString());
        fields.put("baseline_stddev_usd", a.baselineStddev().stripTrailingZeros().toPlainString());
        fields.put("threshold_usd", a.threshold().stripTrailingZeros().toPlainString());
        return new Alert("spend.anomaly", a.orgId(), a.detectedAt(), title, title
                + ". Check the usage report by key and model for that hour.", fields, List.of(), List.of());
    }
}
