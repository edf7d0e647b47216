package dev.llmgateway.tenancy.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits of one scope; a slot without a value has no limit. Values are normalised (whole
 * numbers for requests and tokens, at least two decimals for cost) so equal limits compare equal.
 *
 * @param updatedAt when the limits last changed; empty when the scope never had any
 */
public record LimitSet(Scope scope, Map<Slot, BigDecimal> values, Optional<Instant> updatedAt) {

    public LimitSet {
        Objects.requireNonNull(scope, "scope");
        Map<Slot, BigDecimal> normalised = new LinkedHashMap<>();
        for (Slot s : Slot.ALL) {
            BigDecimal v = values.get(s);
            if (v != null) {
                normalised.put(s, normalise(s.metric(), v));
            }
        }
        values = java.util.Collections.unmodifiableMap(normalised);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static LimitSet none(Scope scope) {
        return new LimitSet(scope, Map.of(), Optional.empty());
    }

    public Optional<BigDecimal> get(Slot slot) {
        return Optional.ofNullable(values.get(slot));
    }

    public Optional<BigDecimal> get(Metric metric, Period period) {
        return get(new Slot(metric, period));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** These limits with {@code change} applied. */
    LimitSet apply(LimitChange change, Instant now) {
        Map<Slot, BigDecimal> next = new LinkedHashMap<>(values);
        change.remove().forEach(next::remove);
        next.putAll(change.set());
        return new LimitSet(scope, next, Optional.of(now));
    }

    static BigDecimal normalise(Metric metric, BigDecimal value) {
        if (metric.whole()) {
            return value.setScale(0, RoundingMode.UNNECESSARY);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
    }
}
