package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Translates a Gemini {@code streamGenerateContent?alt=sse} stream, where every event is a whole
 * {@code GenerateContentResponse}. Every event is also passed on as a {@link ChatChunk.NativeEvent}
 * so a Gemini client gets the upstream's events unchanged. Function calls arrive whole, so each
 * becomes a start and one delta with all its arguments, indexed per candidate in arrival order.
 * Gemini has no end marker: the stream is finished once every candidate seen has a finish reason.
 */
final class GeminiStreamTranslator implements StreamTranslator {

    private final String provider;
    private boolean started;
    private final Map<Integer, Integer> callCounts = new HashMap<>();
    private final Set<Integer> open = new HashSet<>();
    private boolean anyFinish;

    GeminiStreamTranslator(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatChunk> out) {
        String data = event.data();
        if (!event.event().equals("message") || data.isBlank() || data.equals("[DONE]")) {
            // Gemini names no events and has no end marker: a named event or [DONE] comes from a
            // proxy or a newer API and carries nothing this translator knows, so it is skipped.
            return;
        }
        JsonNode json = parse(data);
        if (json.has("error")) {
            throw midStreamError(json.path("error"));
        }
        out.accept(new ChatChunk.NativeEvent(Dialect.GEMINI, "message", data));
        String responseId = json.path("responseId").asText("");
        if (!started) {
            started = true;
            out.accept(new ChatChunk.Start(responseId, json.path("modelVersion").asText("")));
        }
        int position = 0;
        for (JsonNode c : json.path("candidates")) {
            candidate(c, c.path("index").asInt(position++), responseId, out);
        }
        if (!json.path("candidates").isArray() && json.path("promptFeedback").path("blockReason").isTextual()) {
            out.accept(new ChatChunk.Finish(0, FinishReason.CONTENT_FILTER));
            anyFinish = true;
        }
        JsonNode usage = json.path("usageMetadata");
        if (usage.isObject()) {
            out.accept(new ChatChunk.UsageReport(GeminiWire.usage(usage)));
        }
    }

    private void candidate(JsonNode c, int choice, String responseId, Consumer<ChatChunk> out) {
        open.add(choice);
        for (JsonNode p : c.path("content").path("parts")) {
            if (p.has("functionCall")) {
                JsonNode fc = p.get("functionCall");
                int index = callCounts.merge(choice, 1, Integer::sum) - 1;
                out.accept(new ChatChunk.ToolCallStart(choice, index, GeminiWire.callId(fc, responseId, index),
                        fc.path("name").asText("")));
                out.accept(new ChatChunk.ToolCallDelta(choice, index, GeminiWire.arguments(fc)));
            } else if (p.path("text").isTextual()) {
                String text = p.get("text").textValue();
                boolean thought = p.path("thought").asBoolean(false);
                if (!text.isEmpty()) {
                    out.accept(thought ? new ChatChunk.ThinkingDelta(choice, text) : new ChatChunk.TextDelta(choice, text));
                }
                if (thought && p.path("thoughtSignature").isTextual()) {
                    out.accept(new ChatChunk.ThinkingSignature(choice, p.get("thoughtSignature").textValue()));
                }
            }
            // other parts (executableCode, inlineData answers) only reach Gemini clients, natively
        }
        JsonNode finish = c.path("finishReason");
        if (finish.isTextual()) {
            out.accept(new ChatChunk.Finish(choice,
                    GeminiWire.finishReason(finish.textValue(), callCounts.getOrDefault(choice, 0) > 0)));
            open.remove(choice);
            anyFinish = true;
        }
    }

    private JsonNode parse(String data) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new UpstreamException(ErrorCategory.UPSTREAM, "Upstream provider '" + provider
                    + "' sent a stream event that is not a JSON object.", "upstream_protocol_error");
        }
        return json;
    }

    private UpstreamException midStreamError(JsonNode error) {
        int code = error.path("code").asInt(500);
        ErrorCategory category = switch (code) {
            case 429, 503 -> ErrorCategory.UNAVAILABLE;
            case 504 -> ErrorCategory.TIMEOUT;
            default -> ErrorCategory.UPSTREAM;
        };
        return new UpstreamException(category, "Upstream provider '" + provider + "' reported an error mid-stream: "
                + UpstreamErrors.scrub(error.path("message").asText("(no message)")), "upstream_stream_error");
    }

    @Override
    public boolean finished() {
        return anyFinish && open.isEmpty();
    }
}
