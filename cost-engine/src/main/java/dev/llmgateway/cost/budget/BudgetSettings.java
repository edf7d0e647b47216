package dev.llmgateway.cost.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * How budgets behave: {@code holdTtl} is how long a request's reservation lives before the sweeper
 * gives it back (its instance must have died; longer than the longest request), {@code cacheTtl} how
 * long this instance trusts its copy of the budgets without the change feed, {@code feedPoll} how
 * often the change feed and expired holds are checked (zero: only when asked, for tests).
 */
public record BudgetSettings(Duration holdTtl, Duration cacheTtl, Duration feedPoll) {

    public static final BudgetSettings DEFAULTS = new BudgetSettings(Duration.ofMinutes(15), Duration.ofSeconds(30),
            Duration.ofSeconds(2));

    public BudgetSettings {
        Objects.requireNonNull(holdTtl, "holdTtl");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(feedPoll, "feedPoll");
    }
}
