package dev.llmgateway.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.SseReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Test helper: reads an Anthropic SSE body and folds its events into the final message, the way
 * the SDKs accumulate a stream (blocks by index, deltas appended, tool input parsed at the end).
 */
public final class AnthropicStreams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicStreams() {
    }

    public static List<SseEvent> events(String body) {
        List<SseEvent> out = new ArrayList<>();
        new SseReader().feed(body.getBytes(StandardCharsets.UTF_8), out::add);
        return out;
    }

    /** The message the events describe: id, model, content, stop_reason and the four usage counters. */
    public static ObjectNode accumulate(String body) {
        ObjectNode message = JSON.createObjectNode();
        TreeMap<Integer, ObjectNode> blocks = new TreeMap<>();
        TreeMap<Integer, StringBuilder> inputs = new TreeMap<>();
        ObjectNode usage = JSON.createObjectNode();
        for (SseEvent e : events(body)) {
            JsonNode data = parse(e.data());
            if (!data.isObject()) {
                continue;
            }
            switch (data.path("type").asText()) {
                case "message_start" -> {
                    message.put("id", data.path("message").path("id").asText());
                    message.put("model", data.path("message").path("model").asText());
                    merge(usage, data.path("message").path("usage"));
                }
                case "content_block_start" -> {
                    int index = data.path("index").asInt();
                    blocks.put(index, data.path("content_block").deepCopy());
                    if (data.path("content_block").path("type").asText().endsWith("tool_use")) {
                        inputs.put(index, new StringBuilder());
                    }
                }
                case "content_block_delta" -> delta(blocks.get(data.path("index").asInt()),
                        inputs.get(data.path("index").asInt()), data.path("delta"));
                case "message_delta" -> {
                    message.set("stop_reason", data.path("delta").path("stop_reason"));
                    merge(usage, data.path("usage"));
                }
                default -> {
                }
            }
        }
        inputs.forEach((index, text) -> blocks.get(index).set("input",
                text.isEmpty() ? JSON.createObjectNode() : parse(text.toString())));
        ArrayNode content = message.putArray("content");
        blocks.values().forEach(content::add);
        ObjectNode u = message.putObject("usage");
        for (String f : List.of("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")) {
            u.put(f, usage.path(f).asLong(0));
        }
        return message;
    }

    private static void delta(ObjectNode block, StringBuilder input, JsonNode d) {
        switch (d.path("type").asText()) {
            case "text_delta" -> block.put("text", block.path("text").asText() + d.path("text").asText());
            case "thinking_delta" -> block.put("thinking", block.path("thinking").asText() + d.path("thinking").asText());
            case "signature_delta" -> block.put("signature", d.path("signature").asText());
            case "input_json_delta" -> input.append(d.path("partial_json").asText());
            default -> {
            }
        }
    }

    private static void merge(ObjectNode usage, JsonNode u) {
        u.fields().forEachRemaining(f -> usage.set(f.getKey(), f.getValue()));
    }

    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    public static String resource(String path) {
        try (var in = AnthropicStreams.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
