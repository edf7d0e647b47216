package dev.llmgateway.core.auth;

import java.util.List;
import java.util.Objects;

/**
 * The authenticated caller: a key's public id (a prefix, never the secret), its name and the model
 * patterns it may use ({@code *} matches any run of characters; an empty list allows all).
 */
public record ClientIdentity(String keyId, String name, List<String> allowedModels) {

    public ClientIdentity {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        allowedModels = List.copyOf(allowedModels);
    }

    /** True when any of {@code ids} (for example the alias and the resolved provider/model) is allowed. */
    public boolean mayUse(String... ids) {
        if (allowedModels.isEmpty()) {
            return true;
        }
        for (String pattern : allowedModels) {
            for (String id : ids) {
                if (Glob.matches(pattern, id)) {
                    return true;
                }
            }
        }
        return false;
    }
}
