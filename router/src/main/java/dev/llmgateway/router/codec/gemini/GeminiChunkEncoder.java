package dev.llmgateway.router.codec.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Encodes a stream as Gemini {@code GenerateContentResponse} events ({@code alt=sse}). When the
 * upstream also speaks Gemini its events arrive as {@link ChatChunk.NativeEvent}s and are forwarded
 * byte for byte (the encoder switches to that mode at the first one). Otherwise text and thoughts
 * are sent as they come; function calls are held until their arguments are complete (Gemini never
 * streams partial arguments) and sent whole, together with the finish reasons and the usage, in
 * the last event. Gemini streams have no end marker. One per stream; not thread-safe.
 */
final class GeminiChunkEncoder implements ChunkEncoder {

    private static final byte[] EMPTY = new byte[0];

    private boolean nativeMode;
    private String id = "gateway";
    private String model = "";
    /** Pending calls per choice, by call index: {id, name, arguments so far}. */
    private final Map<Integer, Map<Integer, StringBuilder[]>> calls = new TreeMap<>();
    private final Map<Integer, FinishReason> finishes = new TreeMap<>();
    private Optional<Usage> usage = Optional.empty();

    @Override
    public byte[] encode(ChatChunk chunk) {
        if (chunk instanceof ChatChunk.NativeEvent n && n.dialect() == Dialect.GEMINI) {
            nativeMode = true;
            return event(n.data());
        }
        if (nativeMode) {
            return EMPTY;
        }
        return switch (chunk) {
            case ChatChunk.Start s -> {
                id = s.id();
                model = s.model();
                yield EMPTY; // Gemini has no start event; the first content event starts the answer
            }
            case ChatChunk.TextDelta t -> withPendingCalls(t.choice(), Json.object().put("text", t.text()));
            case ChatChunk.ThinkingDelta t ->
                    withPendingCalls(t.choice(), Json.object().put("text", t.text()).put("thought", true));
            case ChatChunk.ThinkingSignature s -> withPendingCalls(s.choice(),
                    Json.object().put("text", "").put("thought", true).put("thoughtSignature", s.signature()));
            case ChatChunk.ToolCallStart s -> {
                calls.computeIfAbsent(s.choice(), k -> new TreeMap<>()).put(s.index(), new StringBuilder[]{
                        new StringBuilder(s.id()), new StringBuilder(s.name()), new StringBuilder()});
                yield EMPTY;
            }
            case ChatChunk.ToolCallDelta d -> {
                StringBuilder[] call = calls.computeIfAbsent(d.choice(), k -> new TreeMap<>())
                        .computeIfAbsent(d.index(), k -> new StringBuilder[]{
                                new StringBuilder("call_" + k), new StringBuilder(), new StringBuilder()});
                call[2].append(d.arguments());
                yield EMPTY;
            }
            case ChatChunk.Finish f -> {
                finishes.put(f.choice(), f.reason());
                yield EMPTY;
            }
            case ChatChunk.UsageReport u -> {
                usage = Optional.of(u.usage());
                yield EMPTY;
            }
            default -> EMPTY;
        };
    }

    /** A content part for one choice; calls of that choice still held go first, to keep the order. */
    private byte[] withPendingCalls(int choice, ObjectNode part) {
        ObjectNode root = base();
        ArrayNode parts = candidate(root.putArray("candidates"), choice);
        flushCalls(choice, parts);
        parts.add(part);
        return event(Json.text(root));
    }

    @Override
    public byte[] end() {
        if (nativeMode) {
            return EMPTY;
        }
        Map<Integer, Boolean> choices = new LinkedHashMap<>();
        calls.keySet().forEach(c -> choices.put(c, true));
        finishes.keySet().forEach(c -> choices.put(c, true));
        ObjectNode root = base();
        ArrayNode candidates = root.putArray("candidates");
        for (int choice : new TreeMap<>(choices).keySet()) {
            ArrayNode parts = candidate(candidates, choice);
            flushCalls(choice, parts);
            ObjectNode c = (ObjectNode) candidates.get(candidates.size() - 1);
            Optional.ofNullable(finishes.get(choice)).ifPresent(f -> c.put("finishReason", GeminiCodec.finishReason(f)));
        }
        usage.ifPresent(u -> root.set("usageMetadata", GeminiCodec.usage(u)));
        if (candidates.isEmpty() && usage.isEmpty()) {
            return EMPTY;
        }
        return event(Json.text(root));
    }

    /** A mid-stream failure: Google's error object as the data of one last event. */
    @Override
    public byte[] error(GatewayException error) {
        return event(Json.text(GeminiCodec.errorBody(error)));
    }

    private void flushCalls(int choice, ArrayNode parts) {
        Map<Integer, StringBuilder[]> pending = calls.remove(choice);
        if (pending == null) {
            return;
        }
        for (StringBuilder[] call : pending.values()) {
            parts.add(GeminiCodec.functionCall(call[0].toString(), call[1].toString(), call[2].toString()));
        }
    }

    private static ArrayNode candidate(ArrayNode candidates, int choice) {
        ObjectNode c = candidates.addObject();
        ObjectNode content = c.putObject("content");
        ArrayNode parts = content.putArray("parts");
        content.put("role", "model");
        c.put("index", choice);
        return parts;
    }

    private ObjectNode base() {
        ObjectNode root = Json.object();
        root.put("modelVersion", model);
        root.put("responseId", id);
        return root;
    }

    /** Gemini frames its events with CRLF pairs; clients accept either, so the gateway imitates it. */
    private static byte[] event(String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length() + 10);
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
