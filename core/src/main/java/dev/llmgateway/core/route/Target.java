package dev.llmgateway.core.route;

import java.util.Objects;

/**
 * One place a request can be sent: a configured provider and the model name that provider knows,
 * with the reason routing chose it (shown in logs and headers, never a secret).
 */
public record Target(String provider, String model, String reason) {
    public Target {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reason, "reason");
    }

    /** The {@code provider/model} id clients use. */
    public String id() {
        return provider + "/" + model;
    }
}
