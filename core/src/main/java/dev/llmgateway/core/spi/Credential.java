package dev.llmgateway.core.spi;

import java.util.Objects;

/**
 * An upstream secret (API key or OAuth access token) for one call, with the id of the account type
 * that knows how to present it ({@value #API_KEY} for a plain key: the provider's own header).
 * Prints as {@code ****}.
 */
public record Credential(String value, String type) {

    /** The account type of a plain API key; the provider's kind decides the header. */
    public static final String API_KEY = "api-key";

    public Credential {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    /** A plain API key. */
    public Credential(String value) {
        this(value, API_KEY);
    }

    @Override
    public String toString() {
        return "****";
    }
}
