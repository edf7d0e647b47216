package dev.llmgateway.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.router.codec.Json;
import java.util.Optional;

/** Small pieces of Anthropic's wire format shared by the response decoder and the stream translator. */
final class AnthropicWire {

    private AnthropicWire() {
    }

    /**
     * Canonical usage from Anthropic's four counters. Anthropic's {@code input_tokens} excludes the
     * tokens read from or written to the cache; the canonical input count includes them.
     */
    static Usage usage(long input, long output, long cacheRead, long cacheWrite) {
        return new Usage(input + cacheRead + cacheWrite, output, cacheRead, cacheWrite, 0);
    }

    static Usage usage(JsonNode u) {
        return usage(u.path("input_tokens").asLong(0), u.path("output_tokens").asLong(0),
                u.path("cache_read_input_tokens").asLong(0), u.path("cache_creation_input_tokens").asLong(0));
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER; // pause_turn and anything newer
        };
    }

    /** One content block of an answer; blocks without a canonical type are kept as Anthropic JSON. */
    static ContentPart block(JsonNode b) {
        return switch (b.path("type").asText("")) {
            case "text" -> new ContentPart.Text(b.path("text").asText(""));
            case "thinking" -> new ContentPart.Thinking(b.path("thinking").asText(""),
                    b.path("signature").isTextual() ? Optional.of(b.path("signature").textValue()) : Optional.empty());
            case "tool_use" -> new ContentPart.ToolCall(b.path("id").asText(""), b.path("name").asText(""),
                    b.path("input").isObject() ? Json.text(b.path("input")) : "{}");
            default -> new ContentPart.Opaque(Dialect.ANTHROPIC_MESSAGES, b);
        };
    }
}
