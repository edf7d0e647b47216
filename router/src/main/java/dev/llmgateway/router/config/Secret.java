package dev.llmgateway.router.config;

import java.util.Objects;

/** A secret value from configuration; prints as {@code ****} so it cannot leak through toString. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
