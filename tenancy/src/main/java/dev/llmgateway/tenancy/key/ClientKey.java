package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.ClientIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client API key as stored (never its secret): id, organization, the {@code prefix} shown in
 * place of the secret, what an administrator set ({@link KeySettings}) and its history.
 *
 * @param enabled            false after disable; an expired key can still be enabled
 * @param createdBy          the id of the actor that created it (user, key or admin key)
 * @param previousValidUntil after a rotation, until when the old secret keeps working
 * @param deletedAt          when it was deleted; deleted keys are shown nowhere, only refused
 */
public record ClientKey(String id, String orgId, String prefix, KeySettings settings, boolean enabled,
                        String createdBy, Instant createdAt, Instant updatedAt, Optional<Instant> rotatedAt,
                        Optional<Instant> lastUsedAt, Optional<Instant> previousValidUntil,
                        Optional<Instant> deletedAt) {

    public ClientKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(settings, "settings");
    }

    /** Active, disabled, or expired at {@code now}. */
    public KeyStatus status(Instant now) {
        if (!enabled) {
            return KeyStatus.DISABLED;
        }
        return settings.expiresAt().filter(at -> !at.isAfter(now)).isPresent() ? KeyStatus.EXPIRED : KeyStatus.ACTIVE;
    }

    /** The caller a request authenticated with this key acts as. */
    public ClientIdentity identity() {
        return new ClientIdentity(id, settings.name(), settings.allowedModels(), settings.permission(),
                new ClientIdentity.Tenant(orgId, settings.teamId().orElse(""),
                        createdBy.startsWith("usr_") ? createdBy : ""), settings.limits());
    }
}
