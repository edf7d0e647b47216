package dev.llmgateway.cost.budget;

import java.util.Objects;

/** Who a request is for, as far as budgets care; empty strings where there is none. */
public record Requester(String orgId, String teamId, String keyId, String userId) {

    public Requester {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(userId, "userId");
    }

    /** The id of this requester in {@code scope}, or empty when it has none. */
    String idIn(BudgetScope scope) {
        return switch (scope) {
            case ORGANIZATION -> orgId;
            case TEAM -> teamId;
            case KEY -> keyId;
            case USER -> userId;
        };
    }
}
