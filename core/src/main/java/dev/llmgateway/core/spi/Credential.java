package dev.llmgateway.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * An upstream secret (API key or OAuth access token) for one call, with the id of the account type
 * that knows how to present it ({@value #API_KEY} for a plain key: the provider's own header), and,
 * once an account is chosen, that account's id and its type-specific options (a Gemini CLI account's
 * Code Assist project and endpoint; empty for most). Prints as {@code ****}.
 */
public record Credential(String value, String type, String account, Map<String, String> options) {

    /** The account type of a plain API key; the provider's kind decides the header. */
    public static final String API_KEY = "api-key";

    public Credential {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        options = Map.copyOf(options);
    }

    /** A secret presented by the type {@code type}, not yet tied to an account. */
    public Credential(String value, String type) {
        this(value, type, "", Map.of());
    }

    /** A plain API key. */
    public Credential(String value) {
        this(value, API_KEY);
    }

    /** The same secret as the one of account {@code accountId}, with that account's options. */
    public Credential forAccount(String accountId, Map<String, String> accountOptions) {
        return new Credential(value, type, accountId, accountOptions);
    }

    @Override
    public String toString() {
        return "****";
    }
}
