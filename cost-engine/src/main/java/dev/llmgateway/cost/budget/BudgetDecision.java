package dev.llmgateway.cost.budget;

import java.time.Duration;
import java.util.Optional;

/** The answer to "may this request spend?". */
public sealed interface BudgetDecision {

    /**
     * Go ahead, holding {@code ticket}; when {@code downgrade} is present, a downgrade budget is spent
     * and the request must use that budget's model instead.
     */
    record Admitted(BudgetTicket ticket, Optional<Budget> downgrade) implements BudgetDecision {
    }

    /** Refused: a budget that refuses at 100% cannot take the request; {@code retryAfter} is when its period ends. */
    record Refused(Budget budget, String message, Optional<Duration> retryAfter) implements BudgetDecision {
    }
}
