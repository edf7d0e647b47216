package dev.llmgateway.router.pool;

import java.util.List;
import java.util.Objects;

/**
 * One upstream account as configured: which provider it belongs to, which models it serves (empty =
 * all of the provider's), its weight and priority for selection, and its limits (0 = none).
 */
public record Account(String id, String name, String provider, List<String> models, int weight, int priority,
                      Limits limits) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        models = List.copyOf(models);
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** Concurrency, requests per minute and tokens per minute; 0 means no limit. */
    public record Limits(int maxConcurrency, int requestsPerMinute, long tokensPerMinute) {
        public static final Limits NONE = new Limits(0, 0, 0);
    }

    public boolean serves(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
