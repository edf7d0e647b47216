package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator chooses about a client key: everything that can be set on create and
 * changed with PATCH. {@link ClientKeys} validates it (names, networks, team, expiry) before storing.
 *
 * @param allowedModels model patterns the key may use ({@code *} wildcards); empty allows all
 * @param allowedCidrs  networks or single addresses the key may be used from; empty allows all
 * @param limits        the key's own rate limits; 0 means none
 */
public record KeySettings(String name, Optional<String> description, Optional<String> teamId, Permission permission,
                          List<String> allowedModels, List<String> allowedCidrs, Optional<Instant> expiresAt,
                          RateLimits limits) {

    public KeySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(permission, "permission");
        allowedModels = List.copyOf(allowedModels);
        allowedCidrs = List.copyOf(allowedCidrs);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(limits, "limits");
    }

    /** A read-write key named {@code name} with no restrictions, for building in code and tests. */
    public static KeySettings named(String name) {
        return new KeySettings(name, Optional.empty(), Optional.empty(), Permission.READ_WRITE, List.of(), List.of(),
                Optional.empty(), RateLimits.NONE);
    }

    public KeySettings withPermission(Permission p) {
        return new KeySettings(name, description, teamId, p, allowedModels, allowedCidrs, expiresAt, limits);
    }

    public KeySettings withTeam(Optional<String> team) {
        return new KeySettings(name, description, team, permission, allowedModels, allowedCidrs, expiresAt, limits);
    }

    public KeySettings withAllowedModels(List<String> models) {
        return new KeySettings(name, description, teamId, permission, models, allowedCidrs, expiresAt, limits);
    }

    public KeySettings withAllowedCidrs(List<String> cidrs) {
        return new KeySettings(name, description, teamId, permission, allowedModels, cidrs, expiresAt, limits);
    }

    public KeySettings withExpiresAt(Optional<Instant> at) {
        return new KeySettings(name, description, teamId, permission, allowedModels, allowedCidrs, at, limits);
    }

    public KeySettings withLimits(RateLimits l) {
        return new KeySettings(name, description, teamId, permission, allowedModels, allowedCidrs, expiresAt, l);
    }

    public KeySettings withName(String n) {
        return new KeySettings(n, description, teamId, permission, allowedModels, allowedCidrs, expiresAt, limits);
    }

    public KeySettings withDescription(Optional<String> d) {
        return new KeySettings(name, d, teamId, permission, allowedModels, allowedCidrs, expiresAt, limits);
    }
}
