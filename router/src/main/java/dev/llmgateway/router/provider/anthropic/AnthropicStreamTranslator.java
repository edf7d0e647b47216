package dev.llmgateway.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates an Anthropic Messages event stream. Every event is also passed on as a
 * {@link ChatChunk.NativeEvent} so an Anthropic client gets the upstream's events unchanged.
 * Tool-use blocks get canonical tool indexes 0, 1, ... in the order they start, kept per block
 * index so argument deltas of parallel calls stay apart. Usage is merged from
 * {@code message_start} (input and cache counters) and {@code message_delta} (output, and newer
 * cumulative counters), reported after each. Unknown event and block types are passed on natively
 * and otherwise ignored; an {@code error} event throws. Events after {@code message_stop} are
 * ignored.
 */
final class AnthropicStreamTranslator implements StreamTranslator {

    private final String provider;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private int nextTool;
    private boolean finished;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;

    AnthropicStreamTranslator(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatChunk> out) {
        if (finished) {
            return;
        }
        JsonNode json = parse(event.data());
        String type = json.path("type").asText(event.event());
        if (type.equals("error")) {
            throw error(json.path("error"));
        }
        out.accept(new ChatChunk.NativeEvent(Dialect.ANTHROPIC_MESSAGES,
                event.event().equals("message") ? type : event.event(), event.data()));
        switch (type) {
            case "message_start" -> {
                JsonNode message = json.path("message");
                out.accept(new ChatChunk.Start(message.path("id").asText(""), message.path("model").asText("")));
                mergeUsage(message.path("usage"), out);
            }
            case "content_block_start" -> blockStart(json.path("index").asInt(0), json.path("content_block"), out);
            case "content_block_delta" -> blockDelta(json.path("index").asInt(0), json.path("delta"), out);
            case "message_delta" -> {
                JsonNode stop = json.path("delta").path("stop_reason");
                if (stop.isTextual()) {
                    out.accept(new ChatChunk.Finish(0, AnthropicWire.finishReason(stop.textValue())));
                }
                mergeUsage(json.path("usage"), out);
            }
            case "message_stop" -> finished = true;
            default -> {
                // ping, content_block_stop and event types this gateway does not know yet
            }
        }
    }

    private void blockStart(int index, JsonNode block, Consumer<ChatChunk> out) {
        switch (block.path("type").asText("")) {
            case "text" -> {
                String text = block.path("text").asText("");
                if (!text.isEmpty()) {
                    out.accept(new ChatChunk.TextDelta(0, text));
                }
            }
            case "thinking" -> {
                String text = block.path("thinking").asText("");
                if (!text.isEmpty()) {
                    out.accept(new ChatChunk.ThinkingDelta(0, text));
                }
            }
            case "tool_use" -> {
                int tool = nextTool++;
                toolIndexByBlock.put(index, tool);
                out.accept(new ChatChunk.ToolCallStart(0, tool, block.path("id").asText(""),
                        block.path("name").asText("")));
                JsonNode input = block.path("input");
                if (input.isObject() && !input.isEmpty()) {
                    out.accept(new ChatChunk.ToolCallDelta(0, tool, Json.text(input)));
                }
            }
            default -> {
                // server tool blocks, redacted thinking: native clients get them, others have no form for them
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, Consumer<ChatChunk> out) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> out.accept(new ChatChunk.TextDelta(0, delta.path("text").asText("")));
            case "thinking_delta" -> out.accept(new ChatChunk.ThinkingDelta(0, delta.path("thinking").asText("")));
            case "signature_delta" ->
                    out.accept(new ChatChunk.ThinkingSignature(0, delta.path("signature").asText("")));
            case "input_json_delta" -> {
                Integer tool = toolIndexByBlock.get(index);
                String piece = delta.path("partial_json").asText("");
                if (tool != null && !piece.isEmpty()) {
                    out.accept(new ChatChunk.ToolCallDelta(0, tool, piece));
                }
            }
            default -> {
                // citations and newer delta types
            }
        }
    }

    /** Counters present in {@code usage} replace the ones seen so far (Anthropic's are cumulative). */
    private void mergeUsage(JsonNode usage, Consumer<ChatChunk> out) {
        if (!usage.isObject()) {
            return;
        }
        input = counter(usage, "input_tokens", input);
        output = counter(usage, "output_tokens", output);
        cacheRead = counter(usage, "cache_read_input_tokens", cacheRead);
        cacheWrite = counter(usage, "cache_creation_input_tokens", cacheWrite);
        out.accept(new ChatChunk.UsageReport(AnthropicWire.usage(input, output, cacheRead, cacheWrite)));
    }

    private static long counter(JsonNode usage, String field, long previous) {
        JsonNode n = usage.get(field);
        return n != null && n.isNumber() ? n.longValue() : previous;
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

    private UpstreamException error(JsonNode error) {
        String kind = error.path("type").asText("api_error");
        ErrorCategory category = switch (kind) {
            case "overloaded_error" -> ErrorCategory.UNAVAILABLE;
            case "timeout_error" -> ErrorCategory.TIMEOUT;
            default -> ErrorCategory.UPSTREAM;
        };
        return new UpstreamException(category, "Upstream provider '" + provider + "' reported an error mid-stream ("
                + kind + "): " + UpstreamErrors.scrub(error.path("message").asText("(no message)")),
                "upstream_stream_error");
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
