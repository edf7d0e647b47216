package dev.llmgateway.router.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.error.InvalidRequestException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reads of optional request fields that fail with a 400 naming the parameter. {@code null}
 * in JSON counts as absent, as the APIs the gateway imitates treat it.
 */
public final class Fields {

    private Fields() {
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    public static Optional<String> string(JsonNode parent, String field, String param) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw invalid(param, "must be a string");
        }
        return Optional.of(n.textValue());
    }

    public static String requiredString(JsonNode parent, String field, String param) {
        String value = string(parent, field, param).orElseThrow(() -> invalid(param, "is required"));
        if (value.isEmpty()) {
            throw invalid(param, "must not be empty");
        }
        return value;
    }

    public static boolean bool(JsonNode parent, String field, String param, boolean fallback) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw invalid(param, "must be true or false");
        }
        return n.booleanValue();
    }

    public static OptionalInt integer(JsonNode parent, String field, String param, int min, int max) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return OptionalInt.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw invalid(param, "must be an integer");
        }
        int v = n.intValue();
        if (v < min || v > max) {
            throw invalid(param, "must be from " + min + " to " + max + ", got " + v);
        }
        return OptionalInt.of(v);
    }

    public static OptionalLong longValue(JsonNode parent, String field, String param) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return OptionalLong.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw invalid(param, "must be an integer");
        }
        return OptionalLong.of(n.longValue());
    }

    public static OptionalDouble number(JsonNode parent, String field, String param, double min, double max) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return OptionalDouble.empty();
        }
        if (!n.isNumber()) {
            throw invalid(param, "must be a number");
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw invalid(param, "must be from " + min + " to " + max + ", got " + n.asText());
        }
        return OptionalDouble.of(v);
    }

    public static InvalidRequestException invalid(String param, String why) {
        return new InvalidRequestException("Invalid '" + param + "': " + why + ".", param, "invalid_value");
    }
}
