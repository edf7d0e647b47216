package dev.llmgateway.router.codec.anthropic;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a stream as Anthropic Messages events. When the upstream also speaks Anthropic, its
 * events arrive as {@link ChatChunk.NativeEvent}s and are forwarded verbatim (the encoder switches
 * to that mode at the first one). Otherwise the canonical chunks become the full event sequence:
 * {@code message_start}, a {@code ping}, one {@code content_block_start}/{@code _delta}/{@code _stop}
 * run per block with increasing indexes (tool-use blocks stay open until the text or the answer
 * ends, because OpenAI-style upstreams interleave the argument pieces of parallel calls and the
 * SDKs parse a tool's input when its block stops), then {@code message_delta} (stop reason and usage) and
 * {@code message_stop} at the end. Only choice 0 is encoded: the dialect has one answer per
 * request. One per stream; not thread-safe.
 */
final class AnthropicChunkEncoder implements ChunkEncoder {

    private static final byte[] EMPTY = new byte[0];

    private enum Kind { TEXT, THINKING, TOOL }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private final Set<Integer> openToolBlocks = new LinkedHashSet<>();
    private boolean nativeMode;
    private boolean started;
    private String id = "msg_gateway";
    private String model;
    private int nextBlock;
    private Kind openKind;
    private int openBlock = -1;
    private FinishReason finish;
    private Usage usage;

    AnthropicChunkEncoder(String requestedModel) {
        this.model = requestedModel;
    }

    @Override
    public byte[] encode(ChatChunk chunk) {
        if (chunk instanceof ChatChunk.NativeEvent n && n.dialect() == Dialect.ANTHROPIC_MESSAGES) {
            nativeMode = true;
            return sse(n.event(), n.data());
        }
        if (chunk instanceof ChatChunk.UsageReport u) {
            usage = u.usage();
            return EMPTY;
        }
        if (nativeMode) {
            return EMPTY;
        }
        switch (chunk) {
            case ChatChunk.Start s -> {
                id = s.id().isEmpty() ? id : s.id();
                model = s.model().isEmpty() ? model : s.model();
                ensureStarted();
            }
            case ChatChunk.TextDelta t when t.choice() == 0 -> {
                open(Kind.TEXT, -1, null, null);
                delta(Json.object().put("type", "text_delta").put("text", t.text()));
            }
            case ChatChunk.ThinkingDelta t when t.choice() == 0 -> {
                open(Kind.THINKING, -1, null, null);
                delta(Json.object().put("type", "thinking_delta").put("thinking", t.text()));
            }
            case ChatChunk.ThinkingSignature s when s.choice() == 0 -> {
                open(Kind.THINKING, -1, null, null);
                delta(Json.object().put("type", "signature_delta").put("signature", s.signature()));
            }
            case ChatChunk.ToolCallStart s when s.choice() == 0 -> open(Kind.TOOL, s.index(), s.id(), s.name());
            case ChatChunk.ToolCallDelta d when d.choice() == 0 -> toolDelta(d);
            case ChatChunk.Finish f when f.choice() == 0 -> finish = f.reason();
            default -> {
                // other choices and other dialects' native events have no Anthropic form
            }
        }
        return drain();
    }

    @Override
    public byte[] end() {
        if (nativeMode) {
            return EMPTY; // the upstream's own message_stop was forwarded
        }
        ensureStarted();
        closeOpen();
        ObjectNode delta = Json.object().put("type", "message_delta");
        ObjectNode d = delta.putObject("delta");
        if (finish == null) {
            d.put("stop_reason", "end_turn");
        } else {
            d.put("stop_reason", AnthropicCodec.stopReason(finish));
        }
        d.putNull("stop_sequence");
        delta.set("usage", AnthropicCodec.usage(usage == null ? Usage.ZERO : usage));
        event("message_delta", delta);
        event("message_stop", Json.object().put("type", "message_stop"));
        return drain();
    }

    @Override
    public byte[] error(GatewayException error) {
        return sse("error", Json.text(AnthropicCodec.errorBody(error)));
    }

    private void ensureStarted() {
        if (started) {
            return;
        }
        started = true;
        ObjectNode root = Json.object().put("type", "message_start");
        ObjectNode message = root.putObject("message");
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicCodec.usage(usage == null ? Usage.ZERO : usage));
        event("message_start", root);
        event("ping", Json.object().put("type", "ping"));
    }

    /**
     * Makes a block of {@code kind} the open one: text and thinking continue the open block of the
     * same kind and close every other; a tool call starts its own block next to the open tool blocks.
     */
    private void open(Kind kind, int toolIndex, String toolId, String toolName) {
        ensureStarted();
        if (kind != Kind.TOOL && openKind == kind) {
            return;
        }
        if (kind == Kind.TOOL) {
            closeTextOrThinking();
        } else {
            closeOpen();
        }
        openKind = kind;
        openBlock = nextBlock++;
        ObjectNode block = Json.object();
        switch (kind) {
            case TEXT -> block.put("type", "text").put("text", "");
            case THINKING -> block.put("type", "thinking").put("thinking", "").put("signature", "");
            case TOOL -> {
                toolBlocks.put(toolIndex, openBlock);
                openToolBlocks.add(openBlock);
                block.put("type", "tool_use").put("id", toolId).put("name", toolName).putObject("input");
            }
        }
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", openBlock);
        start.set("content_block", block);
        event("content_block_start", start);
    }

    /** Argument pieces go to their call's block, even when another call's block was opened since. */
    private void toolDelta(ChatChunk.ToolCallDelta d) {
        Integer block = toolBlocks.get(d.index());
        if (block == null) {
            open(Kind.TOOL, d.index(), "toolu_gateway_" + d.index(), "");
            block = openBlock;
        }
        if (d.arguments().isEmpty()) {
            return;
        }
        ObjectNode root = Json.object().put("type", "content_block_delta").put("index", block);
        root.putObject("delta").put("type", "input_json_delta").put("partial_json", d.arguments());
        event("content_block_delta", root);
    }

    private void delta(ObjectNode delta) {
        ObjectNode root = Json.object().put("type", "content_block_delta").put("index", openBlock);
        root.set("delta", delta);
        event("content_block_delta", root);
    }

    private void closeOpen() {
        closeTextOrThinking();
        for (int block : openToolBlocks) {
            stop(block);
        }
        openToolBlocks.clear();
        openKind = null;
    }

    private void closeTextOrThinking() {
        if (openKind == Kind.TEXT || openKind == Kind.THINKING) {
            stop(openBlock);
            openKind = null;
        }
    }

    private void stop(int block) {
        event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", block));
    }

    private void event(String name, ObjectNode data) {
        out.writeBytes(sse(name, Json.text(data)));
    }

    private byte[] drain() {
        if (out.size() == 0) {
            return EMPTY;
        }
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private static byte[] sse(String event, String data) {
        return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
