package dev.llmgateway.router.codec.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns Gemini's OpenAPI-style {@code Schema} ({@code parameters}, {@code responseSchema}) into
 * plain JSON Schema for the canonical model: type names lower-cased ({@code "OBJECT"} →
 * {@code "object"}), {@code nullable: true} folded into the type ({@code ["string","null"]}), and
 * Gemini's {@code propertyOrdering} dropped (no JSON Schema meaning). Everything else is kept.
 */
final class GeminiSchema {

    private static final Set<String> TYPES = Set.of("STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT",
            "NULL");

    private GeminiSchema() {
    }

    static JsonNode toJsonSchema(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            schema.forEach(s -> out.add(toJsonSchema(s)));
            return out;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "type" -> out.set("type", type(e.getValue()));
                case "nullable", "propertyOrdering" -> {
                    // folded into "type" below / no JSON Schema meaning
                }
                case "properties", "$defs", "definitions" -> {
                    ObjectNode props = out.putObject(e.getKey());
                    e.getValue().fields().forEachRemaining(p -> props.set(p.getKey(), toJsonSchema(p.getValue())));
                }
                case "items", "anyOf", "oneOf", "allOf", "prefixItems", "additionalProperties", "not" ->
                        out.set(e.getKey(), toJsonSchema(e.getValue()));
                default -> out.set(e.getKey(), e.getValue());
            }
        }
        if (schema.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            ArrayNode both = Json.MAPPER.createArrayNode().add(out.path("type").textValue()).add("null");
            out.set("type", both);
        }
        return out;
    }

    private static JsonNode type(JsonNode type) {
        if (type.isTextual() && TYPES.contains(type.textValue())) {
            return Json.MAPPER.getNodeFactory().textNode(type.textValue().toLowerCase(Locale.ROOT));
        }
        return type;
    }
}
