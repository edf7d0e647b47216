package dev.llmgateway.router.codec.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden event sequences: canonical chunks in, Responses events out, compared as parsed JSON
 * trees against fixtures/responses/*.golden.jsonl (one {"event", "data"} object per line). On a
 * mismatch the actual sequence is written under target/golden-actual/ for review.
 */
class ResponsesChunkEncoderTest {

    private static final ResponsesCodec CODEC = new ResponsesCodec(
            Clock.fixed(Instant.ofEpochSecond(1_700_000_500), ZoneOffset.UTC));
    private static final String REQUEST = """
            {"model":"fake/gpt-4o-mini","stream":true,"input":"weather in Paris?","max_output_tokens":500,
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}},
                      {"type":"namespace","name":"multi","description":"Agents.",
                       "tools":[{"type":"function","name":"spawn_agent","parameters":{"type":"object"}}]},
                      {"type":"web_search"}]}
            """;

    private static ChunkEncoder encoder() {
        ChatRequest request = CODEC.decode(REQUEST.getBytes(StandardCharsets.UTF_8));
        return CODEC.newChunkEncoder(request);
    }

    private static String run(ChunkEncoder encoder, List<ChatChunk> chunks, boolean clean) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatChunk c : chunks) {
            out.writeBytes(encoder.encode(c));
        }
        out.writeBytes(clean ? encoder.end() : encoder.error(new UpstreamException(ErrorCategory.UPSTREAM,
                "Upstream provider 'fake' broke off the stream.", "upstream_stream_broken")));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parses the SSE text strictly: every frame is exactly an event line and a data line that agree. */
    static List<JsonNode> events(String sse) {
        assertTrue(sse.endsWith("\n\n"), "the stream ends with a complete frame");
        List<JsonNode> out = new ArrayList<>();
        int expectedSequence = 0;
        for (String frame : sse.split("\n\n")) {
            String[] lines = frame.split("\n");
            assertEquals(2, lines.length, "frame: " + frame);
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), "frame: " + frame);
            JsonNode data = parse(lines[1].substring(6));
            assertEquals(lines[0].substring(7), data.path("type").asText(), "event name and type agree");
            assertEquals(expectedSequence++, data.path("sequence_number").asInt(), "sequence numbers count up");
            ObjectNode e = Json.object().put("event", lines[0].substring(7));
            e.set("data", data);
            out.add(e);
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertGolden(String name, String sse) {
        List<JsonNode> actual = events(sse);
        List<JsonNode> expected = new ArrayList<>();
        String golden = new String(ResponsesCodecTest.resource(name + ".golden.jsonl"), StandardCharsets.UTF_8);
        for (String line : golden.split("\n")) {
            if (!line.isBlank()) {
                expected.add(parse(line));
            }
        }
        if (!expected.equals(actual)) {
            writeActual(name, actual);
        }
        assertEquals(expected, actual, name + ": see target/golden-actual/" + name + ".golden.jsonl");
    }

    private static void writeActual(String name, List<JsonNode> actual) {
        try {
            Path dir = Path.of("target", "golden-actual");
            Files.createDirectories(dir);
            StringBuilder sb = new StringBuilder();
            actual.forEach(n -> sb.append(Json.text(n)).append('\n'));
            Files.writeString(dir.resolve(name + ".golden.jsonl"), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void text_isOneMessageItem_andCompletedCarriesUsage() {
        String sse = run(encoder(), List.of(
                new ChatChunk.Start("chatcmpl-fake1", "gpt-4o-mini-2024-07-18"),
                new ChatChunk.TextDelta(0, "Hello"),
                new ChatChunk.TextDelta(0, " world"),
                new ChatChunk.Finish(0, FinishReason.STOP),
                new ChatChunk.UsageReport(new Usage(11, 2, 3, 0, 0))), true);

        assertGolden("text", sse);
    }

    @Test
    void parallelToolCalls_eachGetItsOwnItem_andInterleavedDeltasStayApart() {
        String sse = run(encoder(), List.of(
                new ChatChunk.Start("chatcmpl-fake1", "gpt-4o"),
                new ChatChunk.ToolCallStart(0, 0, "call_a", "get_weather"),
                new ChatChunk.ToolCallDelta(0, 0, "{\"city\":"),
                new ChatChunk.ToolCallStart(0, 1, "call_b", "multi__spawn_agent"),
                new ChatChunk.ToolCallDelta(0, 0, "\"Paris\"}"),
                new ChatChunk.ToolCallDelta(0, 1, "{\"message\":\"go\"}"),
                new ChatChunk.Finish(0, FinishReason.TOOL_CALLS),
                new ChatChunk.UsageReport(new Usage(40, 25, 0, 0, 0))), true);

        assertGolden("parallel_tools", sse);
    }

    @Test
    void thinkingThenLengthLimit_isAReasoningItem_andResponseIncomplete() {
        String sse = run(encoder(), List.of(
                new ChatChunk.Start("msg_01abc", "claude-sonnet-4-5"),
                new ChatChunk.ThinkingDelta(0, "Let me"),
                new ChatChunk.ThinkingDelta(0, " think."),
                new ChatChunk.ThinkingSignature(0, "sig-xyz"),
                new ChatChunk.TextDelta(0, "Once upon"),
                new ChatChunk.Finish(0, FinishReason.LENGTH),
                new ChatChunk.UsageReport(new Usage(20, 500, 0, 5, 300))), true);

        assertGolden("length_with_thinking", sse);
    }

    @Test
    void midStreamFailure_endsWithErrorAndFailed_neverCompleted() {
        String sse = run(encoder(), List.of(
                new ChatChunk.Start("chatcmpl-fake1", "gpt-4o"),
                new ChatChunk.TextDelta(0, "partial"),
                new ChatChunk.UsageReport(new Usage(11, 1, 0, 0, 0))), false);

        assertGolden("error_mid_stream", sse);
    }

    @Test
    void otherChoicesAndNativeEvents_areIgnored() {
        ChunkEncoder encoder = encoder();
        encoder.encode(new ChatChunk.Start("chatcmpl-x", "m"));

        assertEquals(0, encoder.encode(new ChatChunk.TextDelta(1, "second choice")).length);
        assertEquals(0, encoder.encode(new ChatChunk.TextDelta(0, "")).length, "an empty piece opens no item");
        assertEquals(0, encoder.encode(new ChatChunk.NativeEvent(dev.llmgateway.core.chat.Dialect.OPENAI_CHAT,
                "chunk", "{}")).length);
        assertEquals(0, encoder.encode(new ChatChunk.ToolCallDelta(0, 7, "{}")).length,
                "a fragment of a call that never started has no item");
    }
}
