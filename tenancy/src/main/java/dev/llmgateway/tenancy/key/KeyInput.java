package dev.llmgateway.tenancy.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.tenancy.TenancyException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads key settings from an admin API JSON body, with a 400 naming the field for every value of
 * the wrong type. On create, absent fields take their defaults (permission {@code read_write}, no
 * restrictions); on PATCH, absent fields keep their value and {@code null} clears an optional one.
 * Domain rules (valid networks, future expiry, live team) are checked by {@link ClientKeys}.
 */
public final class KeyInput {

    private static final Set<String> FIELDS = Set.of("name", "description", "team_id", "permission", "allowed_models",
            "allowed_cidrs", "expires_at", "limits");
    private static final Set<String> LIMITS = Set.of("rpm", "tpm", "concurrency");

    private KeyInput() {
    }

    /** The settings of a new key; {@code name} is required. */
    public static KeySettings create(JsonNode body) {
        if (!body.hasNonNull("name")) {
            throw TenancyException.invalid("name", "'name' is required.");
        }
        return patch(body, KeySettings.named(""));
    }

    /** {@code current} with the fields present in {@code body} replaced. */
    public static KeySettings patch(JsonNode body, KeySettings current) {
        checkFields(body);
        KeySettings s = current;
        if (body.has("name")) {
            s = s.withName(requiredText(body, "name"));
        }
        if (body.has("description")) {
            s = s.withDescription(optionalText(body, "description"));
        }
        if (body.has("team_id")) {
            s = s.withTeam(optionalText(body, "team_id"));
        }
        if (body.has("permission")) {
            String p = requiredText(body, "permission");
            s = s.withPermission(Permission.parse(p).orElseThrow(() -> TenancyException.invalid("permission",
                    "'permission' must be read_only, read_write or admin, got '" + p + "'.")));
        }
        if (body.has("allowed_models")) {
            s = s.withAllowedModels(strings(body, "allowed_models"));
        }
        if (body.has("allowed_cidrs")) {
            s = s.withAllowedCidrs(strings(body, "allowed_cidrs"));
        }
        if (body.has("expires_at")) {
            s = s.withExpiresAt(optionalText(body, "expires_at").map(KeyInput::time));
        }
        if (body.has("limits")) {
            s = s.withLimits(limits(body.get("limits"), s.limits()));
        }
        return s;
    }

    private static void checkFields(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("org_id")) {
                throw TenancyException.invalid("org_id", "A key's organization comes from the path and cannot be "
                        + "set or changed.");
            }
            if (!FIELDS.contains(f)) {
                throw TenancyException.invalid(f, "Unknown field '" + f + "'; a key has " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ".");
            }
        }
    }

    /** {@code {"rpm","tpm","concurrency"}}: each a whole number above 0, or null for no limit. */
    private static RateLimits limits(JsonNode node, RateLimits current) {
        if (node.isNull()) {
            return RateLimits.NONE;
        }
        if (!node.isObject()) {
            throw TenancyException.invalid("limits", "'limits' must be an object with rpm, tpm and concurrency.");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!LIMITS.contains(f)) {
                throw TenancyException.invalid("limits." + f, "Unknown limit '" + f + "'; limits are rpm, tpm and "
                        + "concurrency.");
            }
        }
        long rpm = node.has("rpm") ? limit(node.get("rpm"), "rpm", Integer.MAX_VALUE) : current.requestsPerMinute();
        long tpm = node.has("tpm") ? limit(node.get("tpm"), "tpm", Long.MAX_VALUE) : current.tokensPerMinute();
        long conc = node.has("concurrency") ? limit(node.get("concurrency"), "concurrency", Integer.MAX_VALUE)
                : current.maxConcurrency();
        return new RateLimits((int) rpm, tpm, (int) conc);
    }

    private static long limit(JsonNode v, String name, long max) {
        if (v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > max) {
            throw TenancyException.invalid("limits." + name, "'limits." + name + "' must be a whole number from 1 to "
                    + max + ", or null for no limit.");
        }
        return v.asLong();
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw TenancyException.invalid(field, "'" + field + "' must be a string.");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw TenancyException.invalid(field, "'" + field + "' must be a string or null.");
        }
        return Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw TenancyException.invalid(field, "'" + field + "' must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw TenancyException.invalid(field, "'" + field + "' must be an array of strings.");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw TenancyException.invalid("expires_at", "'expires_at' must be an ISO-8601 time such as "
                    + "2027-01-31T00:00:00Z, got '" + text + "'.");
        }
    }
}
