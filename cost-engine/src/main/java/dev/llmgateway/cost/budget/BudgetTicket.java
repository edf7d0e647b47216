package dev.llmgateway.cost.budget;

import java.util.List;

/** What a request holds in its budgets until it ends: one hold per budget that applied. */
public record BudgetTicket(List<BudgetStore.Hold> holds) {

    public static final BudgetTicket NONE = new BudgetTicket(List.of());

    public BudgetTicket {
        holds = List.copyOf(holds);
    }

    public boolean isEmpty() {
        return holds.isEmpty();
    }
}
