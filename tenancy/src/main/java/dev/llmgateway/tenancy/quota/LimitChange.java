package dev.llmgateway.tenancy.quota;

import dev.llmgateway.tenancy.TenancyException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A change to a scope's limits: slots to set and slots to remove; every other slot stays as it is.
 * Built with {@link #of}, which checks every value and names the field of the first bad one.
 */
public record LimitChange(Map<Slot, BigDecimal> set, Set<Slot> remove) {

    /** The largest limit accepted: what {@code quotas.limit_value NUMERIC(24, 6)} and a BIGINT counter hold. */
    static final BigDecimal MAX = new BigDecimal("1000000000000000000");
    /** Cost limits are stored with at most this many decimals. */
    static final int MAX_COST_SCALE = 6;

    public LimitChange {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = Set.copyOf(remove);
    }

    /**
     * {@code values}: field name → the value as written ({@code "1000"}, {@code "25.00"});
     * {@code removals}: field names whose limit goes away.
     */
    public static LimitChange of(Map<String, String> values, Set<String> removals) {
        Map<Slot, BigDecimal> set = new LinkedHashMap<>();
        values.forEach((field, text) -> {
            Slot slot = slot(field);
            set.put(slot, LimitSet.normalise(slot.metric(), value(slot, text)));
        });
        Set<Slot> remove = new java.util.HashSet<>();
        removals.forEach(field -> remove.add(slot(field)));
        return new LimitChange(set, remove);
    }

    public boolean isEmpty() {
        return set.isEmpty() && remove.isEmpty();
    }

    private static Slot slot(String field) {
        return Slot.parse(field).orElseThrow(() -> TenancyException.invalid(field, "Unknown limit '" + field
                + "'; the limits are " + Slot.fields() + "."));
    }

    private static BigDecimal value(Slot slot, String text) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw bad(slot);
        }
        if (v.signum() < 0 || v.compareTo(MAX) > 0) {
            throw bad(slot);
        }
        if (slot.metric().whole() ? v.stripTrailingZeros().scale() > 0
                : v.stripTrailingZeros().scale() > MAX_COST_SCALE) {
            throw bad(slot);
        }
        return v;
    }

    private static TenancyException bad(Slot slot) {
        String field = slot.field();
        return TenancyException.invalid(field, slot.metric().whole()
                ? "'" + field + "' must be a whole number from 0 to " + MAX.toPlainString()
                        + ", or null to remove the limit."
                : "'" + field + "' must be an amount of US dollars from 0 with at most " + MAX_COST_SCALE
                        + " decimals, such as \"25.00\", or null to remove the limit.");
    }
}
