package dev.llmgateway.router.admin;

import dev.llmgateway.router.server.ClientAddress;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.ActorResolver;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out who calls the admin API from {@code Authorization: Bearer <credential>} or
 * {@code x-api-key}. The gateway's admin key (compared as a SHA-256 hash in constant time, so the
 * time taken says nothing about how much of it matched) makes the caller a platform admin; any
 * other credential is offered to the resolvers (login sessions, admin-permission API keys).
 * Immutable and thread-safe.
 */
final class AdminAuth {

    private final Optional<byte[]> expected;
    private final List<ActorResolver> resolvers;

    /** {@code adminKeyHash} is {@code security.admin-key-hash}; with no hash and no resolvers the admin API is off. */
    AdminAuth(Optional<String> adminKeyHash, List<ActorResolver> resolvers) {
        this.expected = adminKeyHash.map(h -> h.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        this.resolvers = List.copyOf(resolvers);
    }

    AdminAuth(Optional<String> adminKeyHash) {
        this(adminKeyHash, List.of());
    }

    Actor authenticate(ServerRequest req) {
        return authenticate(req.headers().first(HeaderNames.AUTHORIZATION),
                req.headers().first(HeaderNames.create("x-api-key")), ClientAddress.of(req));
    }

    /** {@link #authenticate(Optional, Optional, InetAddress)} for a caller whose address is unknown. */
    Actor authenticate(Optional<String> authorization, Optional<String> apiKeyHeader) {
        return authenticate(authorization, apiKeyHeader, ClientAddress.UNKNOWN);
    }

    /**
     * The actor for the presented credential, sent from {@code from}; throws 403 when the admin API
     * is off, 401 when the credential is missing or not valid (resolvers may answer their own 401 or
     * 403 for credentials they recognise but refuse).
     */
    Actor authenticate(Optional<String> authorization, Optional<String> apiKeyHeader, InetAddress from) {
        if (expected.isEmpty() && resolvers.isEmpty()) {
            throw new AdminError(403, "permission_error", "admin_api_disabled", "The admin API is off because no "
                    + "admin key is configured; set security.admin-key (or LLMGW_ADMIN_KEY) and restart the gateway.");
        }
        Optional<String> presented = bearer(authorization).or(() -> apiKeyHeader.map(String::trim))
                .filter(k -> !k.isEmpty());
        if (presented.isEmpty()) {
            throw new AdminError(401, "authentication_error", "missing_admin_key", "The admin API needs a "
                    + "credential (the admin key, a session token or an admin API key) in "
                    + "'Authorization: Bearer <credential>' or 'x-api-key'.");
        }
        if (expected.isPresent()) {
            byte[] hash = ApiKeys.hash(presented.get()).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(hash, expected.get())) {
                return Actor.platformAdmin("admin-key");
            }
        }
        for (ActorResolver resolver : resolvers) {
            Optional<Actor> actor = resolver.resolve(presented.get(), from);
            if (actor.isPresent()) {
                return actor.get();
            }
        }
        if (expected.isEmpty()) {
            // say why an operator's admin key cannot work, as when no resolver is installed
            throw new AdminError(403, "permission_error", "admin_api_disabled", "This credential is not a valid "
                    + "session token or admin API key, and no admin key is configured: set security.admin-key (or "
                    + "LLMGW_ADMIN_KEY) and restart the gateway to use one.");
        }
        throw new AdminError(401, "authentication_error", "invalid_admin_key", "The admin credential is not valid.");
    }

    private static Optional<String> bearer(Optional<String> authorization) {
        return authorization.map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim());
    }
}
