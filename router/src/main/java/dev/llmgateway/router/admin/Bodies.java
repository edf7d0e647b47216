package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed fields of admin request bodies; a wrong type or an unknown field is a 400 naming it. */
final class Bodies {

    private Bodies() {
    }

    /** Refuses fields other than {@code allowed}, so a typo is not silently ignored. */
    static ObjectNode only(ObjectNode body, String... allowed) {
        Set<String> ok = Set.of(allowed);
        body.fieldNames().forEachRemaining(f -> {
            if (!ok.contains(f)) {
                throw TenancyException.invalid(f, "Unknown field '" + f + "'; expected: " + String.join(", ", allowed)
                        + ".");
            }
        });
        return body;
    }

    /** A string field; absent or null is empty. */
    static Optional<String> text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw TenancyException.invalid(field, "'" + field + "' must be a string.");
        }
        return Optional.of(n.asText());
    }

    static String required(ObjectNode body, String field) {
        return text(body, field).orElseThrow(() -> TenancyException.invalid(field, "'" + field + "' is required."));
    }

    /** Absent: not changing; null: clearing; a string: setting. */
    static Optional<Optional<String>> nullable(ObjectNode body, String field) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        return Optional.of(text(body, field));
    }

    static Optional<Role> role(Optional<String> text, String field) {
        return text.map(t -> Role.parse(t).filter(r -> r != Role.PLATFORM_ADMIN).orElseThrow(() ->
                TenancyException.invalid(field, "'" + field + "' must be owner, admin, member or viewer.")));
    }

    /** A list of whole numbers; absent or null is empty. */
    static Optional<List<Integer>> ints(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        String message = "'" + field + "' must be an array of whole percentages, such as [50, 80, 100].";
        if (!n.isArray()) {
            throw TenancyException.invalid(field, message);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.isIntegralNumber()) {
                throw TenancyException.invalid(field, message);
            }
            out.add(v.intValue());
        }
        return Optional.of(out);
    }

    /** A list of strings; absent or null is empty. */
    static Optional<List<String>> strings(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode v : n) {
                if (!v.isTextual()) {
                    throw TenancyException.invalid(field, "'" + field + "' must be an array of strings.");
                }
                out.add(v.asText());
            }
            return Optional.of(out);
        }
        throw TenancyException.invalid(field, "'" + field + "' must be an array of strings.");
    }
}
