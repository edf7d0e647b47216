package dev.llmgateway.router.codec.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Encodes a stream as OpenAI {@code chat.completion.chunk} events. When the upstream also speaks
 * OpenAI, its events arrive as {@link ChatChunk.NativeEvent}s and are forwarded byte for byte (the
 * encoder switches to that mode at the first one); the usage-only chunk, which the gateway always
 * asks for so it can bill, is dropped unless the client asked for it too. Otherwise the canonical
 * chunks are encoded. One per stream; not thread-safe.
 */
final class OpenAiChunkEncoder implements ChunkEncoder {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean includeUsage;
    private boolean nativeMode;
    private String id = "chatcmpl-gateway";
    private String model = "";
    private final long created = System.currentTimeMillis() / 1000;
    private Optional<Usage> usage = Optional.empty();

    OpenAiChunkEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public byte[] encode(ChatChunk chunk) {
        if (chunk instanceof ChatChunk.NativeEvent n && n.dialect() == Dialect.OPENAI_CHAT) {
            nativeMode = true;
            if ("usage".equals(n.event()) && !includeUsage) {
                return EMPTY;
            }
            return event(n.data());
        }
        if (chunk instanceof ChatChunk.UsageReport u) {
            usage = Optional.of(u.usage());
            return EMPTY;
        }
        if (nativeMode) {
            return EMPTY;
        }
        return switch (chunk) {
            case ChatChunk.Start s -> {
                id = s.id();
                model = s.model();
                ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
                yield event(frame(0, delta, null));
            }
            case ChatChunk.TextDelta t -> event(frame(t.choice(), Json.object().put("content", t.text()), null));
            case ChatChunk.ThinkingDelta t ->
                    event(frame(t.choice(), Json.object().put("reasoning_content", t.text()), null));
            case ChatChunk.ToolCallStart s -> {
                ObjectNode call = Json.object().put("index", s.index()).put("id", s.id()).put("type", "function");
                call.putObject("function").put("name", s.name()).put("arguments", "");
                ObjectNode delta = Json.object();
                delta.putArray("tool_calls").add(call);
                yield event(frame(s.choice(), delta, null));
            }
            case ChatChunk.ToolCallDelta d -> {
                ObjectNode call = Json.object().put("index", d.index());
                call.putObject("function").put("arguments", d.arguments());
                ObjectNode delta = Json.object();
                delta.putArray("tool_calls").add(call);
                yield event(frame(d.choice(), delta, null));
            }
            case ChatChunk.Finish f ->
                    event(frame(f.choice(), Json.object(), OpenAiChatCodec.finishReason(f.reason())));
            default -> EMPTY;
        };
    }

    @Override
    public byte[] end() {
        if (nativeMode || !includeUsage || usage.isEmpty()) {
            return DONE;
        }
        ObjectNode root = base();
        root.putArray("choices");
        root.set("usage", OpenAiChatCodec.usage(usage.get()));
        byte[] u = event(Json.text(root));
        byte[] out = new byte[u.length + DONE.length];
        System.arraycopy(u, 0, out, 0, u.length);
        System.arraycopy(DONE, 0, out, u.length, DONE.length);
        return out;
    }

    @Override
    public byte[] error(GatewayException error) {
        return event(Json.text(OpenAiChatCodec.errorBody(error)));
    }

    private String frame(int choice, ObjectNode delta, String finishReason) {
        ObjectNode root = base();
        ObjectNode c = root.putArray("choices").addObject();
        c.put("index", choice);
        c.set("delta", delta);
        if (finishReason == null) {
            c.putNull("finish_reason");
        } else {
            c.put("finish_reason", finishReason);
        }
        return Json.text(root);
    }

    private ObjectNode base() {
        return Json.object().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }

    private static byte[] event(String data) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[d.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(d, 0, out, 6, d.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
