package dev.llmgateway.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored budget: its id, organization, what it caps ({@link BudgetDraft}) and who created it when.
 */
public record Budget(String id, String orgId, BudgetDraft draft, String createdBy, Instant createdAt,
                     Instant updatedAt) {

    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(draft, "draft");
    }

    public BudgetScope scope() {
        return draft.scope();
    }

    public String scopeId() {
        return draft.scopeId();
    }

    public BudgetPeriod period() {
        return draft.period();
    }

    public BigDecimal amount() {
        return draft.amountUsd();
    }

    public BudgetAction action() {
        return draft.action();
    }

    /** {@code budget bud_x ("name") on team team_y}, for messages. */
    public String describe() {
        return "budget " + id + " (\"" + draft.name() + "\") on " + scope().wire() + " " + scopeId();
    }
}
