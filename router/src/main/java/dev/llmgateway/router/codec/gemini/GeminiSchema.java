package dev.llmgateway.router.codec.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

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
        return rebuild(schema, GeminiSchema::toJsonSchema, (e, out) -> {
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
        }, (in, out) -> {
            if (in.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
                out.set("type", Json.MAPPER.createArrayNode().add(out.path("type").textValue()).add("null"));
            }
        });
    }

    /**
     * A JSON Schema given as {@code responseJsonSchema} or {@code parametersJsonSchema}, with Gemini's
     * upper-case type names lower-cased wherever a subschema has them. Gemini accepts
     * {@code "type": "INTEGER"} there and clients write it (Gemini CLI builds its routing classifier's
     * schema from the SDK's {@code Type} enum, whose values are upper-case), but no other upstream
     * does: OpenAI refuses such a schema. Upper-case names are never valid JSON Schema, so lower-casing
     * them changes nothing else. Every other keyword is kept as it is.
     */
    static JsonNode lowerTypeNames(JsonNode schema) {
        return rebuild(schema, GeminiSchema::lowerTypeNames, (e, out) -> {
            switch (e.getKey()) {
                case "type" -> {
                    if (e.getValue().isArray()) {
                        ArrayNode types = out.putArray("type");
                        e.getValue().forEach(t -> types.add(type(t)));
                    } else {
                        out.set("type", type(e.getValue()));
                    }
                }
                case "properties", "$defs", "definitions", "patternProperties", "dependentSchemas" -> {
                    if (e.getValue().isObject()) {
                        ObjectNode props = out.putObject(e.getKey());
                        e.getValue().fields().forEachRemaining(p -> props.set(p.getKey(), lowerTypeNames(p.getValue())));
                    } else {
                        out.set(e.getKey(), e.getValue());
                    }
                }
                case "items", "anyOf", "oneOf", "allOf", "prefixItems", "additionalProperties", "not", "if", "then",
                     "else", "contains", "propertyNames", "additionalItems", "unevaluatedProperties",
                     "unevaluatedItems" -> out.set(e.getKey(), lowerTypeNames(e.getValue()));
                default -> out.set(e.getKey(), e.getValue());
            }
        }, (in, out) -> { });
    }

    /**
     * The walk both conversions share: an array element by element, a non-object as it is, an object
     * field by field through {@code field}, then {@code finish} with the original and the copy.
     */
    private static JsonNode rebuild(JsonNode schema, UnaryOperator<JsonNode> recurse,
                                    BiConsumer<Map.Entry<String, JsonNode>, ObjectNode> field,
                                    BiConsumer<JsonNode, ObjectNode> finish) {
        if (schema.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            schema.forEach(s -> out.add(recurse.apply(s)));
            return out;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            field.accept(it.next(), out);
        }
        finish.accept(schema, out);
        return out;
    }

    private static JsonNode type(JsonNode type) {
        if (type.isTextual() && TYPES.contains(type.textValue())) {
            return Json.MAPPER.getNodeFactory().textNode(type.textValue().toLowerCase(Locale.ROOT));
        }
        return type;
    }
}
