package dev.llmgateway.router.pool;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One upstream account as configured: which provider it belongs to, which models it serves (empty =
 * all of the provider's), its weight and priority for selection, its limits (0 = none), and its
 * account type ({@value #API_KEY} for a plain key; see {@code router.accounttype}) and the HTTP
 * proxy its requests leave through, if any (an egress proxy per account), and the options its type
 * reads ({@code project} and {@code base_uri} of a Gemini CLI account; empty for most types).
 */
public record Account(String id, String name, String provider, List<String> models, int weight, int priority,
                      Limits limits, String type, Optional<URI> proxy, Map<String, String> options) {

    /** The type of an account whose credential is a fixed key, presented the provider's way. */
    public static final String API_KEY = dev.llmgateway.core.spi.Credential.API_KEY;

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        models = List.copyOf(models);
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(proxy, "proxy");
        options = Map.copyOf(options);
    }

    /** An account without type options. */
    public Account(String id, String name, String provider, List<String> models, int weight, int priority,
                   Limits limits, String type, Optional<URI> proxy) {
        this(id, name, provider, models, weight, priority, limits, type, proxy, Map.of());
    }

    /** An account that connects to its upstream directly. */
    public Account(String id, String name, String provider, List<String> models, int weight, int priority,
                   Limits limits, String type) {
        this(id, name, provider, models, weight, priority, limits, type, Optional.empty());
    }

    /** An API-key account. */
    public Account(String id, String name, String provider, List<String> models, int weight, int priority,
                   Limits limits) {
        this(id, name, provider, models, weight, priority, limits, API_KEY);
    }

    /** Concurrency, requests per minute and tokens per minute; 0 means no limit. */
    public record Limits(int maxConcurrency, int requestsPerMinute, long tokensPerMinute) {
        public static final Limits NONE = new Limits(0, 0, 0);
    }

    public boolean serves(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** Whether the credential is an OAuth access token kept fresh by the gateway (ids end with -oauth). */
    public boolean oauth() {
        return type.endsWith("-oauth");
    }
}
