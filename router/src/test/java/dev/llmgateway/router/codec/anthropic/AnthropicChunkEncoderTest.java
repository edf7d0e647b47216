package dev.llmgateway.router.codec.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.SseReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic event sequence built from canonical chunks (an upstream of another dialect). */
class AnthropicChunkEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canonical_textThenParallelTools_fullEventSequenceWithIndexes() {
        AnthropicChunkEncoder enc = new AnthropicChunkEncoder("claude-x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatChunk c : List.of(new ChatChunk.Start("chatcmpl-1", "gpt-4o"),
                new ChatChunk.ThinkingDelta(0, "think"),
                new ChatChunk.TextDelta(0, "Hi"), new ChatChunk.TextDelta(0, " there"),
                new ChatChunk.ToolCallStart(0, 0, "call_a", "a"), new ChatChunk.ToolCallDelta(0, 0, "{\"x\":"),
                new ChatChunk.ToolCallStart(0, 1, "call_b", "b"), new ChatChunk.ToolCallDelta(0, 1, "{}"),
                new ChatChunk.ToolCallDelta(0, 0, "1}"),
                new ChatChunk.Finish(0, FinishReason.TOOL_CALLS),
                new ChatChunk.UsageReport(new Usage(100, 20, 30, 0, 5)))) {
            out.writeBytes(enc.encode(c));
        }
        out.writeBytes(enc.end());
        List<SseEvent> events = events(out.toString(StandardCharsets.UTF_8));

        List<String> summary = new ArrayList<>();
        for (SseEvent e : events) {
            JsonNode d = tree(e.data());
            assertEquals(e.event(), d.path("type").asText(), "event name equals the data's type");
            String s = e.event() + (d.has("index") ? "@" + d.path("index").asInt() : "");
            if (d.path("content_block").has("type")) {
                s += ":" + d.path("content_block").path("type").asText();
            }
            if (d.path("delta").has("type")) {
                s += ":" + d.path("delta").path("type").asText();
            }
            summary.add(s);
        }
        assertEquals(List.of("message_start", "ping",
                "content_block_start@0:thinking", "content_block_delta@0:thinking_delta", "content_block_stop@0",
                "content_block_start@1:text", "content_block_delta@1:text_delta", "content_block_delta@1:text_delta",
                "content_block_stop@1",
                "content_block_start@2:tool_use", "content_block_delta@2:input_json_delta",
                "content_block_start@3:tool_use", "content_block_delta@3:input_json_delta",
                "content_block_delta@2:input_json_delta", "content_block_stop@2", "content_block_stop@3",
                "message_delta", "message_stop"), summary);
        JsonNode start = tree(events.get(0).data()).path("message");
        assertEquals("chatcmpl-1", start.path("id").asText());
        assertEquals("gpt-4o", start.path("model").asText());
        JsonNode delta = tree(events.get(events.size() - 2).data());
        assertEquals("tool_use", delta.path("delta").path("stop_reason").asText());
        assertEquals(tree("{\"input_tokens\":70,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":30,"
                + "\"output_tokens\":20}"), delta.path("usage"));
    }

    @Test
    void canonical_emptyAnswer_stillAWellFormedMessage() {
        AnthropicChunkEncoder enc = new AnthropicChunkEncoder("claude-x");
        List<SseEvent> events = events(new String(enc.end(), StandardCharsets.UTF_8));
        assertEquals(List.of("message_start", "ping", "message_delta", "message_stop"),
                events.stream().map(SseEvent::event).toList());
        assertEquals("claude-x", tree(events.get(0).data()).path("message").path("model").asText());
    }

    @Test
    void nativeEvents_forwardedVerbatim_canonicalIgnored_noExtraEnd() {
        AnthropicChunkEncoder enc = new AnthropicChunkEncoder("claude-x");
        String ping = "{\"type\": \"ping\"}";
        assertEquals("event: ping\ndata: " + ping + "\n\n",
                new String(enc.encode(new ChatChunk.NativeEvent(Dialect.ANTHROPIC_MESSAGES, "ping", ping)),
                        StandardCharsets.UTF_8));
        assertEquals(0, enc.encode(new ChatChunk.TextDelta(0, "x")).length);
        assertEquals(0, enc.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", "{}")).length);
        assertEquals(0, enc.end().length);
    }

    @Test
    void error_isAnAnthropicErrorEvent() {
        AnthropicChunkEncoder enc = new AnthropicChunkEncoder("claude-x");
        List<SseEvent> events = events(new String(enc.error(new UpstreamException(ErrorCategory.UNAVAILABLE,
                "Upstream provider 'p' is unavailable", "upstream_unavailable")), StandardCharsets.UTF_8));
        assertEquals(1, events.size());
        assertEquals("error", events.get(0).event());
        assertEquals(tree("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Upstream provider 'p' is unavailable\"}}"), tree(events.get(0).data()));
    }

    private static List<SseEvent> events(String body) {
        List<SseEvent> out = new ArrayList<>();
        new SseReader().feed(body.getBytes(StandardCharsets.UTF_8), out::add);
        return out;
    }

    private static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
