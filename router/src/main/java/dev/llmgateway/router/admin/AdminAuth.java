package dev.llmgateway.router.admin;

import dev.llmgateway.security.keys.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the admin key of a request ({@code Authorization: Bearer <key>} or {@code x-api-key}). The
 * presented key is hashed and its {@code sha256:<hex>} form compared with the configured hash in
 * constant time, so the time taken says nothing about how much of it matched. Immutable and
 * thread-safe.
 */
final class AdminAuth {

    private final Optional<byte[]> expected;

    /** {@code adminKeyHash} is {@code security.admin-key-hash}; empty turns the admin API off. */
    AdminAuth(Optional<String> adminKeyHash) {
        this.expected = adminKeyHash.map(h -> h.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Returns normally for the admin; otherwise throws 403 when no admin key is configured and 401
     * when the key is missing or wrong.
     */
    void check(Optional<String> authorization, Optional<String> apiKeyHeader) {
        if (expected.isEmpty()) {
            throw new AdminError(403, "permission_error", "admin_api_disabled", "The admin API is off because no "
                    + "admin key is configured; set security.admin-key (or LLMGW_ADMIN_KEY) and restart the gateway.");
        }
        Optional<String> presented = bearer(authorization).or(() -> apiKeyHeader.map(String::trim))
                .filter(k -> !k.isEmpty());
        if (presented.isEmpty()) {
            throw new AdminError(401, "authentication_error", "missing_admin_key",
                    "The admin API needs the admin key in 'Authorization: Bearer <key>' or 'x-api-key'.");
        }
        byte[] hash = ApiKeys.hash(presented.get()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(hash, expected.get())) {
            throw new AdminError(401, "authentication_error", "invalid_admin_key", "The admin key is not valid.");
        }
    }

    private static Optional<String> bearer(Optional<String> authorization) {
        return authorization.map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim());
    }
}
