package dev.llmgateway.cost.anomaly;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * When an hour's spend is an anomaly: above both {@code mean + sigmas × stddev} and
 * {@code mean × ratio} of the organization's hourly spend over the previous {@code baseline}
 * (hours without usage count as 0), and at least {@code minUsd}; only for organizations with at
 * least {@code minHistory} of usage before the hour. {@code checkEvery} is how often it is checked
 * (zero: never, the feature is off).
 */
public record AnomalySettings(Duration checkEvery, Duration baseline, Duration minHistory, double sigmas, double ratio,
                              BigDecimal minUsd) {

    public static final AnomalySettings DEFAULTS = new AnomalySettings(Duration.ofMinutes(5), Duration.ofDays(7),
            Duration.ofHours(24), 3.0, 3.0, BigDecimal.ONE);

    public AnomalySettings {
        Objects.requireNonNull(checkEvery, "checkEvery");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(minHistory, "minHistory");
        Objects.requireNonNull(minUsd, "minUsd");
    }

    public boolean enabled() {
        return !checkEvery.isZero() && !checkEvery.isNegative();
    }
}
