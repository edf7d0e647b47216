package dev.llmgateway.cost.budget;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whose spending a budget caps: a whole organization, one team, one client key, or one user's keys. */
public enum BudgetScope {
    ORGANIZATION, TEAM, KEY, USER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetScope> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
    }
}
