package dev.llmgateway.router.codec.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChunkEncoderTest {

    private static final String DONE = "data: [DONE]\n\n";

    private static ChunkEncoder encoder(boolean includeUsage) {
        String body = includeUsage
                ? "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}"
                : "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}";
        OpenAiChatCodec codec = new OpenAiChatCodec();
        ChatRequest request = codec.decode(body.getBytes(StandardCharsets.UTF_8));
        return codec.newChunkEncoder(request);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The JSON payloads of the {@code data:} events in {@code bytes}, in order; fails on bad framing. */
    private static List<JsonNode> events(byte[] bytes) {
        String s = text(bytes);
        List<JsonNode> out = new ArrayList<>();
        for (String frame : s.split("\n\n")) {
            if (frame.isEmpty()) {
                continue;
            }
            assertTrue(frame.startsWith("data: "), "bad frame: " + frame);
            String data = frame.substring(6);
            if (!data.equals("[DONE]")) {
                out.add(tree(data));
            }
        }
        assertTrue(s.endsWith("\n\n"), "event not terminated: " + s);
        return out;
    }

    private static JsonNode single(byte[] bytes) {
        List<JsonNode> events = events(bytes);
        assertEquals(1, events.size(), text(bytes));
        return events.get(0);
    }

    /** The chunk with the varying {@code created} removed, after checking it is a positive number. */
    private static JsonNode withoutCreated(JsonNode chunk) {
        assertTrue(chunk.path("created").isIntegralNumber() && chunk.path("created").asLong() > 0, chunk.toString());
        ObjectNode copy = chunk.deepCopy();
        copy.remove("created");
        return copy;
    }

    // --- native mode ----------------------------------------------------------------------------

    @Test
    void encode_nativeEvent_isForwardedVerbatim() {
        ChunkEncoder e = encoder(false);
        String data = "{\"id\":\"x\",  \"choices\":[{\"delta\":{\"content\":\"héllo\"}}],\"vendor\":1}";
        assertEquals("data: " + data + "\n\n", text(e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT,
                "message", data))));
    }

    @Test
    void encode_nativeUsageEventWithoutIncludeUsage_isDropped() {
        ChunkEncoder e = encoder(false);
        assertEquals(0, e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "usage",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}")).length);
    }

    @Test
    void encode_nativeUsageEventWithIncludeUsage_isForwarded() {
        ChunkEncoder e = encoder(true);
        String data = "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}";
        assertEquals("data: " + data + "\n\n",
                text(e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "usage", data))));
    }

    @Test
    void encode_canonicalChunksAfterNativeModeStarted_areIgnored() {
        ChunkEncoder e = encoder(true);
        e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", "{\"a\":1}"));
        assertEquals(0, e.encode(new ChatChunk.Start("id", "m")).length);
        assertEquals(0, e.encode(new ChatChunk.TextDelta(0, "hi")).length);
        assertEquals(0, e.encode(new ChatChunk.ToolCallStart(0, 0, "c", "f")).length);
        assertEquals(0, e.encode(new ChatChunk.Finish(0, FinishReason.STOP)).length);
        assertEquals(0, e.encode(new ChatChunk.UsageReport(new Usage(1, 2, 0, 0, 0))).length);
    }

    @Test
    void end_nativeMode_isExactlyDoneEvenWithUsage() {
        ChunkEncoder e = encoder(true);
        e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", "{\"a\":1}"));
        e.encode(new ChatChunk.UsageReport(new Usage(1, 2, 0, 0, 0)));
        assertEquals(DONE, text(e.end()));
    }

    @Test
    void encode_nativeEventOfOtherDialect_isIgnoredAndCanonicalStillEncoded() {
        ChunkEncoder e = encoder(false);
        assertEquals(0, e.encode(new ChatChunk.NativeEvent(Dialect.ANTHROPIC_MESSAGES, "message_start",
                "{\"type\":\"message_start\"}")).length);
        assertEquals("hi", single(e.encode(new ChatChunk.TextDelta(0, "hi")))
                .path("choices").path(0).path("delta").path("content").asText());
    }

    // --- canonical mode ---------------------------------------------------------------------------

    @Test
    void encode_start_givesRoleChunkWithIdAndModel() {
        ChunkEncoder e = encoder(false);
        assertEquals(tree("{'id':'resp-1','object':'chat.completion.chunk','model':'claude-x',"
                        + "'choices':[{'index':0,'delta':{'role':'assistant','content':''},'finish_reason':null}]}"),
                withoutCreated(single(e.encode(new ChatChunk.Start("resp-1", "claude-x")))));
    }

    @Test
    void encode_textDelta_givesContentChunkWithStartIdAndModel() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.Start("resp-1", "claude-x"));
        assertEquals(tree("{'id':'resp-1','object':'chat.completion.chunk','model':'claude-x',"
                        + "'choices':[{'index':1,'delta':{'content':'Hel\\u00e9'},'finish_reason':null}]}"),
                withoutCreated(single(e.encode(new ChatChunk.TextDelta(1, "Helé")))));
    }

    @Test
    void encode_thinkingDelta_givesReasoningContent() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.Start("r", "m"));
        assertEquals(tree("{'index':0,'delta':{'reasoning_content':'hmm'},'finish_reason':null}"),
                single(e.encode(new ChatChunk.ThinkingDelta(0, "hmm"))).path("choices").path(0));
    }

    @Test
    void encode_toolCallStartAndDeltas_giveToolCallChunks() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.Start("r", "m"));
        assertEquals(tree("{'index':0,'delta':{'tool_calls':[{'index':1,'id':'call_b','type':'function',"
                        + "'function':{'name':'get_time','arguments':''}}]},'finish_reason':null}"),
                single(e.encode(new ChatChunk.ToolCallStart(0, 1, "call_b", "get_time"))).path("choices").path(0));
        JsonNode delta = single(e.encode(new ChatChunk.ToolCallDelta(0, 1, "{\"tz\":"))).path("choices").path(0);
        ObjectNode expected = (ObjectNode) tree("{'index':0,'delta':{'tool_calls':[{'index':1,'function':{}}]},"
                + "'finish_reason':null}");
        ((ObjectNode) expected.path("delta").path("tool_calls").path(0).path("function")).put("arguments", "{\"tz\":");
        assertEquals(expected, delta);
    }

    @Test
    void encode_finish_givesEmptyDeltaAndMappedReason() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.Start("r", "m"));
        assertEquals(tree("{'index':0,'delta':{},'finish_reason':'tool_calls'}"),
                single(e.encode(new ChatChunk.Finish(0, FinishReason.TOOL_CALLS))).path("choices").path(0));
        assertEquals("length", single(e.encode(new ChatChunk.Finish(0, FinishReason.LENGTH)))
                .path("choices").path(0).path("finish_reason").asText());
        assertEquals("stop", single(e.encode(new ChatChunk.Finish(0, FinishReason.OTHER)))
                .path("choices").path(0).path("finish_reason").asText());
    }

    @Test
    void encode_usageReport_emitsNothingImmediately() {
        assertEquals(0, encoder(true).encode(new ChatChunk.UsageReport(new Usage(1, 2, 0, 0, 0))).length);
    }

    @Test
    void end_canonicalWithIncludeUsage_emitsLastUsageChunkThenDone() {
        ChunkEncoder e = encoder(true);
        e.encode(new ChatChunk.Start("resp-1", "m"));
        e.encode(new ChatChunk.UsageReport(new Usage(1, 1, 0, 0, 0)));
        e.encode(new ChatChunk.UsageReport(new Usage(10, 4, 2, 0, 1)));
        String out = text(e.end());
        assertTrue(out.endsWith("\n\n" + DONE) , out);
        JsonNode usageChunk = single(out.substring(0, out.length() - DONE.length()).getBytes(StandardCharsets.UTF_8));
        assertEquals(tree("{'id':'resp-1','object':'chat.completion.chunk','model':'m','choices':[],"
                + "'usage':{'prompt_tokens':10,'completion_tokens':4,'total_tokens':14,"
                + "'prompt_tokens_details':{'cached_tokens':2},'completion_tokens_details':{'reasoning_tokens':1}}}"),
                withoutCreated(usageChunk));
    }

    @Test
    void end_canonicalWithoutIncludeUsage_isOnlyDone() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.Start("r", "m"));
        e.encode(new ChatChunk.UsageReport(new Usage(10, 4, 0, 0, 0)));
        assertEquals(DONE, text(e.end()));
    }

    @Test
    void end_includeUsageButNoUsageSeen_isOnlyDone() {
        ChunkEncoder e = encoder(true);
        e.encode(new ChatChunk.Start("r", "m"));
        assertEquals(DONE, text(e.end()));
    }

    @Test
    void encode_wholeCanonicalStream_producesValidEventsInOrder() {
        ChunkEncoder e = encoder(false);
        List<JsonNode> all = new ArrayList<>();
        for (ChatChunk c : List.of(new ChatChunk.Start("r", "m"), new ChatChunk.TextDelta(0, "a"),
                new ChatChunk.TextDelta(0, "b"), new ChatChunk.Finish(0, FinishReason.STOP))) {
            all.addAll(events(e.encode(c)));
        }
        assertEquals(4, all.size());
        assertEquals(List.of("", "a", "b", ""), all.stream()
                .map(n -> n.path("choices").path(0).path("delta").path("content").asText("")).toList());
        assertTrue(all.stream().allMatch(n -> n.path("id").asText().equals("r")));
        assertEquals(1, all.stream().map(n -> n.path("created").asLong()).distinct().count());
    }

    // --- errors -------------------------------------------------------------------------------------

    @Test
    void error_givesDataEventWithOpenAiErrorBody() {
        ChunkEncoder e = encoder(false);
        byte[] bytes = e.error(new UpstreamException(ErrorCategory.UPSTREAM, "broke", "upstream_stream_error"));
        String s = text(bytes);
        assertTrue(s.startsWith("data: ") && s.endsWith("\n\n"), s);
        assertEquals(tree("{'error':{'message':'broke','type':'upstream_error','param':null,"
                + "'code':'upstream_stream_error'}}"), single(bytes));
    }

    @Test
    void error_inNativeMode_stillEncodesTheError() {
        ChunkEncoder e = encoder(false);
        e.encode(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", "{\"a\":1}"));
        assertEquals("timeout_error", single(e.error(new UpstreamException(ErrorCategory.TIMEOUT, "slow", "c")))
                .path("error").path("type").asText());
    }
}
