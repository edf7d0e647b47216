package dev.llmgateway.router.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded Gemini {@code alt=sse} streams (fixtures/gemini/*.sse) through the shared SSE reader and
 * the translator, compared with the golden canonical chunks next to them. Native events are checked
 * apart: one per translated upstream event, carrying its data unchanged.
 */
class GeminiStreamFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"text", "parallel_calls", "thinking", "error_midstream", "unknown_fields"})
    void fixture_translated_matchesGolden(String scenario) throws IOException {
        byte[] sse = resource(scenario + ".sse");
        // One byte per read: the reader and the translator must keep their state across any slicing.
        List<SseEvent> events = new ArrayList<>();
        SseReader reader = new SseReader();
        for (byte b : sse) {
            reader.feed(new byte[]{b}, events::add);
        }
        GeminiStreamTranslator translator = new GeminiStreamTranslator("gemini");
        List<ChatChunk> chunks = new ArrayList<>();
        JsonNode error = null;
        try {
            for (SseEvent e : events) {
                translator.onEvent(e, chunks::add);
            }
        } catch (UpstreamException e) {
            error = JSON.createObjectNode().put("type", "Error").put("category", e.category().name())
                    .put("code", e.code().orElse(""));
        }
        List<JsonNode> actual = new ArrayList<>(lines(chunks));
        if (error != null) {
            actual.add(error);
        }
        actual.add(finished(translator.finished()));
        assertEquals(golden(scenario), actual);
        assertNatives(events, chunks);
    }

    /** Every unnamed upstream event but an error is forwarded once, as it came. */
    private static void assertNatives(List<SseEvent> events, List<ChatChunk> chunks) {
        List<String> natives = chunks.stream().filter(c -> c instanceof ChatChunk.NativeEvent)
                .map(c -> ((ChatChunk.NativeEvent) c).data()).toList();
        List<String> upstream = events.stream().filter(e -> e.event().equals("message"))
                .map(SseEvent::data).filter(d -> !d.startsWith("{\"error\"")).toList();
        assertEquals(upstream, natives, "every translated event is forwarded as it came");
        assertTrue(natives.stream().allMatch(d -> d.startsWith("{")));
    }

    private static List<JsonNode> lines(List<ChatChunk> chunks) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ChatChunk c : chunks) {
            if (c instanceof ChatChunk.NativeEvent) {
                continue;
            }
            ObjectNode n = JSON.createObjectNode().put("type", c.getClass().getSimpleName());
            n.setAll((ObjectNode) JSON.valueToTree(c));
            out.add(JSON.readTree(JSON.writeValueAsString(n))); // as parsed text, like the golden lines

        }
        return out;
    }

    private static JsonNode finished(boolean value) {
        return JSON.createObjectNode().put("type", "Finished").put("value", value);
    }

    private static List<JsonNode> golden(String scenario) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(resource(scenario + ".golden.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GeminiStreamFixtureTest.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
