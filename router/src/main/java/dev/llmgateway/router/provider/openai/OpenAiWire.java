package dev.llmgateway.router.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;

/** Pieces of the OpenAI wire format shared by the response decoder and the stream translator. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    static Usage usage(JsonNode u) {
        long cacheWrite = u.path("prompt_tokens_details").path("cache_write_tokens").asLong(0);
        return new Usage(
                u.path("prompt_tokens").asLong(0),
                u.path("completion_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                cacheWrite,
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    static FinishReason finishReason(String value) {
        return switch (value) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Reasoning text as the OpenAI-compatible providers that stream it name it. */
    static String reasoning(JsonNode delta) {
        JsonNode r = delta.get("reasoning_content");
        if (r == null || !r.isTextual()) {
            r = delta.get("reasoning");
        }
        return r != null && r.isTextual() ? r.textValue() : null;
    }
}
