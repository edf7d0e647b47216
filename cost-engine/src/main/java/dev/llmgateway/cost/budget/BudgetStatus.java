package dev.llmgateway.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A budget with its current period's spending: spent, reserved by requests in flight, and the alerts fired. */
public record BudgetStatus(Budget budget, String periodKey, Instant periodStart, Optional<Instant> periodEnd,
                           BigDecimal spent, BigDecimal reserved, long requests, List<Integer> alertsFired) {

    /** Spent as a percentage of the amount, two decimals. */
    public BigDecimal percentUsed() {
        return spent.multiply(BigDecimal.valueOf(100)).divide(budget.amount(), 2, java.math.RoundingMode.HALF_UP);
    }

    /** What is left (never negative). */
    public BigDecimal remaining() {
        return budget.amount().subtract(spent).max(BigDecimal.ZERO);
    }
}
