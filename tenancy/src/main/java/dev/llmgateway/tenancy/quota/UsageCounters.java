package dev.llmgateway.tenancy.quota;

import java.math.BigDecimal;
import java.util.Objects;

/** What a scope used in one period: requests admitted, tokens and cost (USD) recorded after the answers. */
public record UsageCounters(long requests, long tokens, BigDecimal cost) {

    public static final UsageCounters ZERO = new UsageCounters(0, 0, BigDecimal.ZERO);

    public UsageCounters {
        Objects.requireNonNull(cost, "cost");
    }

    /** The counter of {@code metric}, as a decimal. */
    public BigDecimal of(Metric metric) {
        return switch (metric) {
            case REQUESTS -> BigDecimal.valueOf(requests);
            case TOKENS -> BigDecimal.valueOf(tokens);
            case COST -> cost;
        };
    }
}
