package dev.llmgateway.core.route;

import java.util.List;

/** Targets in the order they should be tried. Never empty. */
public record RoutePlan(List<Target> targets) {
    public RoutePlan {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a route plan needs at least one target");
        }
    }

    public Target first() {
        return targets.get(0);
    }
}
