package dev.llmgateway.core.spi;

import java.util.Objects;

/** An upstream secret (API key or OAuth access token) for one call; prints as {@code ****}. */
public record Credential(String value) {
    public Credential {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
