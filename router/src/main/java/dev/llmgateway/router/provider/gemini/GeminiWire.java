package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.router.codec.Json;

/** Pieces of Gemini's response format shared by the response decoder and the stream translator. */
final class GeminiWire {

    private GeminiWire() {
    }

    /**
     * {@code promptTokenCount} already includes cached tokens; tool-use prompt tokens are prompt
     * tokens too. Thoughts are counted apart from candidates by Gemini but are output canonically.
     */
    static Usage usage(JsonNode u) {
        long thoughts = u.path("thoughtsTokenCount").asLong(0);
        return new Usage(
                u.path("promptTokenCount").asLong(0) + u.path("toolUsePromptTokenCount").asLong(0),
                u.path("candidatesTokenCount").asLong(0) + thoughts,
                u.path("cachedContentTokenCount").asLong(0),
                0,
                thoughts);
    }

    /** Gemini says STOP after function calls too; {@code calledTools} turns that into TOOL_CALLS. */
    static FinishReason finishReason(String value, boolean calledTools) {
        return switch (value) {
            case "STOP" -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "LANGUAGE" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER; // MALFORMED_FUNCTION_CALL, OTHER, UNEXPECTED_TOOL_CALL, ...
        };
    }

    /**
     * The id of a function call that came without one: unique across turns (Anthropic clients
     * reject repeated tool-use ids), so it carries the response id, then the call's index.
     */
    static String callId(JsonNode functionCall, String responseId, int index) {
        JsonNode id = functionCall.path("id");
        if (id.isTextual() && !id.textValue().isEmpty()) {
            return id.textValue();
        }
        String safe = responseId.replaceAll("[^A-Za-z0-9_-]", "");
        return "call_" + (safe.isEmpty() ? "" : safe + "_") + index;
    }

    static String arguments(JsonNode functionCall) {
        JsonNode args = functionCall.path("args");
        return args.isObject() ? Json.text(args) : "{}";
    }
}
