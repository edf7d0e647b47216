package dev.llmgateway.router.codec.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiChunkEncoderTest {

    private final GeminiChunkEncoder encoder = new GeminiChunkEncoder();

    private static JsonNode json(String s) {
        return Json.parseObject(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> events(byte[] bytes) {
        List<JsonNode> out = new ArrayList<>();
        for (String frame : new String(bytes, StandardCharsets.UTF_8).split("\r\n\r\n")) {
            if (!frame.isEmpty()) {
                out.add(json(frame.substring("data: ".length()).replace('"', '\'')));
            }
        }
        return out;
    }

    @Test
    void canonical_textThenParallelCalls_callsSentWholeInTheLastEventWithUsage() {
        List<JsonNode> out = new ArrayList<>();
        for (ChatChunk c : List.of(new ChatChunk.Start("r-1", "gpt-4o"), new ChatChunk.TextDelta(0, "Hi"),
                new ChatChunk.ToolCallStart(0, 0, "call_a", "f"), new ChatChunk.ToolCallStart(0, 1, "call_b", "g"),
                new ChatChunk.ToolCallDelta(0, 1, "{\"y\":"), new ChatChunk.ToolCallDelta(0, 0, "{\"x\":1}"),
                new ChatChunk.ToolCallDelta(0, 1, "2}"), new ChatChunk.Finish(0, FinishReason.TOOL_CALLS),
                new ChatChunk.UsageReport(new Usage(7, 5, 0, 0, 0)))) {
            out.addAll(events(encoder.encode(c)));
        }
        out.addAll(events(encoder.end()));
        assertEquals(List.of(
                json("{'candidates':[{'content':{'parts':[{'text':'Hi'}],'role':'model'},'index':0}],"
                        + "'modelVersion':'gpt-4o','responseId':'r-1'}"),
                json("{'candidates':[{'content':{'parts':[{'functionCall':{'id':'call_a','name':'f','args':{'x':1}}},"
                        + "{'functionCall':{'id':'call_b','name':'g','args':{'y':2}}}],'role':'model'},'index':0,"
                        + "'finishReason':'STOP'}],'usageMetadata':{'promptTokenCount':7,'candidatesTokenCount':5,"
                        + "'totalTokenCount':12},'modelVersion':'gpt-4o','responseId':'r-1'}")), out);
    }

    @Test
    void canonical_thinking_isAThoughtPart() {
        encoder.encode(new ChatChunk.Start("r", "m"));
        assertEquals(List.of(json("{'candidates':[{'content':{'parts':[{'text':'hmm','thought':true}],'role':'model'},"
                        + "'index':0}],'modelVersion':'m','responseId':'r'}")),
                events(encoder.encode(new ChatChunk.ThinkingDelta(0, "hmm"))));
    }

    @Test
    void native_geminiEvents_forwardedVerbatim_andNothingAddedAtTheEnd() {
        String data = "{\"candidates\":[],\"x_unknown\":1}";
        byte[] out = encoder.encode(new ChatChunk.NativeEvent(Dialect.GEMINI, "message", data));
        assertEquals("data: " + data + "\r\n\r\n", new String(out, StandardCharsets.UTF_8));
        assertEquals(0, encoder.encode(new ChatChunk.TextDelta(0, "dup")).length);
        assertEquals(0, encoder.end().length);
    }

    @Test
    void error_isADataEventWithGoogleErrorObject() {
        JsonNode e = events(encoder.error(new UpstreamException(ErrorCategory.TIMEOUT, "too slow", "t"))).get(0);
        assertEquals(504, e.path("error").path("code").asInt());
        assertEquals("DEADLINE_EXCEEDED", e.path("error").path("status").asText());
    }
}
