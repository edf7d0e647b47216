package dev.llmgateway.security.keys;

import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import java.util.List;
import java.util.Objects;

/**
 * A configured client key: its name, the stored {@code sha256:<hex>} hash, a public id to show in
 * logs, the model patterns it may use (empty = all), the organization it is attributed to (empty =
 * none, so no organization limits apply) and its own rate limits.
 */
public record KeyEntry(String name, String hash, String publicId, List<String> allowedModels, String orgId,
                       RateLimits limits) {
    public KeyEntry {
        Objects.requireNonNull(name, "name");
        ApiKeys.parseHash(hash);
        Objects.requireNonNull(publicId, "publicId");
        allowedModels = List.copyOf(allowedModels);
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(limits, "limits");
    }

    /** A key of no organization, without limits of its own. */
    public KeyEntry(String name, String hash, String publicId, List<String> allowedModels) {
        this(name, hash, publicId, allowedModels, "", RateLimits.NONE);
    }

    /** An entry for a key given in clear (demo, environment); only its hash is kept. */
    public static KeyEntry fromPlainKey(String name, String key, List<String> allowedModels) {
        return new KeyEntry(name, ApiKeys.hash(key), ApiKeys.publicId(key), allowedModels);
    }

    /** The same key, attributed to organization {@code orgId}. */
    public KeyEntry inOrg(String orgId) {
        return new KeyEntry(name, hash, publicId, allowedModels, orgId, limits);
    }

    /** The same key with its own rate limits. */
    public KeyEntry withLimits(RateLimits limits) {
        return new KeyEntry(name, hash, publicId, allowedModels, orgId, limits);
    }
}
