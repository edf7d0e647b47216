package dev.llmgateway.router.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.SseReader;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recorded Anthropic streams under fixtures/anthropic against their golden canonical output,
 * fed through the shared SSE reader in awkward slices; plus the way back through the Anthropic
 * chunk encoder (native and canonical modes).
 */
class AnthropicStreamTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "/fixtures/anthropic/";

    @ParameterizedTest
    @ValueSource(strings = {"text", "parallel_tools", "thinking", "interleaved", "error_mid_stream", "unknown_event"})
    void fixture_translated_matchesGolden(String scenario) {
        Run run = translate(AnthropicStreams.resource(DIR + scenario + ".sse"), 7);

        List<JsonNode> expected = AnthropicStreams.resource(DIR + scenario + ".golden.jsonl").lines()
                .filter(l -> !l.isBlank()).map(AnthropicStreams::parse).toList();
        assertEquals(expected, run.canonical, scenario);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "parallel_tools", "thinking", "interleaved", "unknown_event"})
    void fixture_nativeEvents_areEveryUpstreamEventVerbatim(String scenario) {
        String sse = AnthropicStreams.resource(DIR + scenario + ".sse");
        Run run = translate(sse, 13);

        List<String> upstream = AnthropicStreams.events(sse).stream().map(SseEvent::data)
                .filter(d -> !d.equals("[DONE]")).toList();
        assertEquals(upstream, run.nativeEvents.stream().map(ChatChunk.NativeEvent::data).toList());
    }

    @Test
    void nativeMode_anthropicClient_getsTheUpstreamBytesUnchanged() {
        String sse = AnthropicStreams.resource(DIR + "text.sse");
        Run run = translate(sse, 5);
        ChunkEncoder encoder = new AnthropicCodec().newChunkEncoder(request());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run.all.forEach(c -> out.writeBytes(encoder.encode(c)));
        out.writeBytes(encoder.end());

        assertEquals(sse, out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "parallel_tools", "thinking"})
    void canonicalMode_reEncodedStream_describesTheSameMessage(String scenario) {
        String sse = AnthropicStreams.resource(DIR + scenario + ".sse");
        Run run = translate(sse, 11);
        ChunkEncoder encoder = new AnthropicCodec().newChunkEncoder(request());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run.all.stream().filter(c -> !(c instanceof ChatChunk.NativeEvent)).forEach(c -> out.writeBytes(encoder.encode(c)));
        out.writeBytes(encoder.end());

        assertEquals(AnthropicStreams.accumulate(sse), AnthropicStreams.accumulate(out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void errorEvent_first_throwsWithoutNativeEvent() {
        AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude");
        List<ChatChunk> out = new ArrayList<>();
        UpstreamException e = assertThrows(UpstreamException.class, () -> t.onEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom sk-ant-secret123456\"}}"), out::add));
        assertTrue(out.isEmpty());
        assertFalse(e.getMessage().contains("sk-ant-secret123456"), "credentials are scrubbed");
    }

    @Test
    void notJson_isAProtocolError() {
        AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude");
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> t.onEvent(new SseEvent("message_start", "{not json"), c -> { }));
        assertEquals("upstream_protocol_error", e.code().orElseThrow());
    }

    private static ChatRequest request() {
        return new ChatRequest("claude", List.of(Message.text(Role.USER, "hi")), List.of(), Optional.empty(),
                Optional.empty(), SamplingParams.defaults(), true, true, Optional.empty(), Optional.empty());
    }

    /** Feeds {@code sse} in slices of {@code slice} bytes; canonical chunks as JSON, an error as a last line. */
    private static Run translate(String sse, int slice) {
        Run run = new Run();
        AnthropicStreamTranslator t = new AnthropicStreamTranslator("claude");
        SseReader reader = new SseReader();
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < bytes.length; i += slice) {
                reader.feed(ByteBuffer.wrap(bytes, i, Math.min(slice, bytes.length - i)), e -> t.onEvent(e, run::add));
            }
            run.canonical.add(JSON.createObjectNode().put("type", "End").put("finished", t.finished()));
        } catch (UpstreamException e) {
            run.canonical.add(JSON.createObjectNode().put("type", "Error").put("category", e.category().name())
                    .put("code", e.code().orElse("")));
        }
        return run;
    }

    private static final class Run {
        final List<ChatChunk> all = new ArrayList<>();
        final List<ChatChunk.NativeEvent> nativeEvents = new ArrayList<>();
        final List<JsonNode> canonical = new ArrayList<>();

        void add(ChatChunk c) {
            all.add(c);
            if (c instanceof ChatChunk.NativeEvent n) {
                nativeEvents.add(n);
                return;
            }
            // through text, so numbers compare as parsed JSON does (int vs long nodes)
            ObjectNode n = (ObjectNode) AnthropicStreams.parse(JSON.valueToTree(c).toString());
            n.put("type", c.getClass().getSimpleName());
            canonical.add(n);
        }
    }
}
