package dev.llmgateway.tenancy.key;

/**
 * A key together with its secret, as answered once by create and rotate. The secret is stored
 * nowhere (only its hash); {@link #toString()} leaves it out so a log line cannot leak it.
 */
public record IssuedKey(ClientKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[" + key.id() + ", " + key.prefix() + "]";
    }
}
