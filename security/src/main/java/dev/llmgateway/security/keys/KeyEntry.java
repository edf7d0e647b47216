package dev.llmgateway.security.keys;

import java.util.List;
import java.util.Objects;

/**
 * A configured client key: its name, the stored {@code sha256:<hex>} hash, a public id to show in
 * logs, and the model patterns it may use (empty = all).
 */
public record KeyEntry(String name, String hash, String publicId, List<String> allowedModels) {
    public KeyEntry {
        Objects.requireNonNull(name, "name");
        ApiKeys.parseHash(hash);
        Objects.requireNonNull(publicId, "publicId");
        allowedModels = List.copyOf(allowedModels);
    }

    /** An entry for a key given in clear (demo, environment); only its hash is kept. */
    public static KeyEntry fromPlainKey(String name, String key, List<String> allowedModels) {
        return new KeyEntry(name, ApiKeys.hash(key), ApiKeys.publicId(key), allowedModels);
    }
}
