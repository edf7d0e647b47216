package dev.llmgateway.cost.budget;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to a request that would take a budget past 100%: {@link #REFUSE} answers 429
 * {@code budget_exceeded}; {@link #DOWNGRADE} sends it to the budget's cheaper model instead (its
 * cost still counts, so the budget shows the overrun).
 */
public enum BudgetAction {
    REFUSE, DOWNGRADE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetAction> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
    }
}
