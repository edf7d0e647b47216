package dev.llmgateway.router.codec.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/** The Anthropic Messages dialect ({@code POST /v1/messages}). Stateless. */
public final class AnthropicCodec implements FormatCodec {

    /** Error {@code type} per category: the one table for this dialect. */
    private static final Map<ErrorCategory, String> ERROR_TYPES = new EnumMap<>(Map.of(
            ErrorCategory.INVALID_REQUEST, "invalid_request_error",
            ErrorCategory.AUTHENTICATION, "authentication_error",
            ErrorCategory.PERMISSION, "permission_error",
            ErrorCategory.NOT_FOUND, "not_found_error",
            ErrorCategory.PAYLOAD_TOO_LARGE, "request_too_large",
            ErrorCategory.RATE_LIMITED, "rate_limit_error",
            ErrorCategory.INTERNAL, "api_error",
            ErrorCategory.UPSTREAM, "api_error",
            ErrorCategory.UNAVAILABLE, "overloaded_error",
            ErrorCategory.TIMEOUT, "timeout_error"));

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC_MESSAGES;
    }

    @Override
    public ChatRequest decode(byte[] body, DecodeContext context) {
        return AnthropicRequestDecoder.decode(body, false);
    }

    /** Decodes a {@code /v1/messages/count_tokens} body: a messages body without max_tokens or stream. */
    public ChatRequest decodeCountTokens(byte[] body) {
        return AnthropicRequestDecoder.decode(body, true);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response) {
        if (response.origin().isPresent() && response.origin().get().dialect() == Dialect.ANTHROPIC_MESSAGES) {
            return Json.bytes(response.origin().get().json());
        }
        ObjectNode root = Json.object();
        root.put("id", response.id());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", response.model());
        ArrayNode content = root.putArray("content");
        // The Messages API has one answer per request: only the first choice is encoded.
        Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
        if (choice != null) {
            for (ContentPart part : choice.message().content()) {
                block(part, content);
            }
        }
        FinishReason finish = choice == null ? null : choice.finishReason().orElse(null);
        if (finish == null) {
            root.putNull("stop_reason");
        } else {
            root.put("stop_reason", stopReason(finish));
        }
        root.putNull("stop_sequence");
        root.set("usage", usage(response.usage().orElse(Usage.ZERO)));
        return Json.bytes(root);
    }

    private static void block(ContentPart part, ArrayNode content) {
        switch (part) {
            case ContentPart.Text t -> {
                if (!t.text().isEmpty()) {
                    content.addObject().put("type", "text").put("text", t.text());
                }
            }
            case ContentPart.Thinking t -> content.addObject().put("type", "thinking").put("thinking", t.text())
                    .put("signature", t.signature().orElse(""));
            case ContentPart.ToolCall c -> content.addObject().put("type", "tool_use").put("id", c.id())
                    .put("name", c.name()).set("input", toolInput(c.arguments()));
            case ContentPart.Opaque o when o.dialect() == Dialect.ANTHROPIC_MESSAGES -> content.add(o.json());
            default -> {
                // images, tool results and other dialects' parts have no place in an Anthropic answer
            }
        }
    }

    /** A tool call's arguments as the JSON object Anthropic's {@code input} must be; "" means no arguments. */
    static JsonNode toolInput(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(arguments);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new UpstreamException(ErrorCategory.UPSTREAM, "The upstream model produced tool-call arguments that "
                + "are not a JSON object, which an Anthropic answer cannot carry.", "upstream_invalid_tool_arguments");
    }

    @Override
    public byte[] encodeError(GatewayException error) {
        return Json.bytes(errorBody(error));
    }

    @Override
    public ChunkEncoder newChunkEncoder(ChatRequest request) {
        return new AnthropicChunkEncoder(request.model());
    }

    static ObjectNode errorBody(GatewayException error) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", ERROR_TYPES.get(error.category())).put("message", error.getMessage());
        return root;
    }

    static String stopReason(FinishReason reason) {
        return switch (reason) {
            case STOP, OTHER -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /**
     * Anthropic's usage: its {@code input_tokens} leaves out the cached tokens, which the canonical
     * count includes, so they are taken off again.
     */
    static ObjectNode usage(Usage u) {
        ObjectNode n = Json.object();
        n.put("input_tokens", Math.max(0, u.inputTokens() - u.cacheReadTokens() - u.cacheWriteTokens()));
        n.put("cache_creation_input_tokens", u.cacheWriteTokens());
        n.put("cache_read_input_tokens", u.cacheReadTokens());
        n.put("output_tokens", u.outputTokens());
        return n;
    }
}
