package dev.llmgateway.router.codec.openai;

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
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.Json;
import java.util.EnumMap;
import java.util.Map;

/** The OpenAI Chat Completions dialect ({@code POST /v1/chat/completions}). Stateless. */
public final class OpenAiChatCodec implements FormatCodec {

    /** Error {@code type} per category: the one table for this dialect. */
    private static final Map<ErrorCategory, String> ERROR_TYPES = new EnumMap<>(Map.of(
            ErrorCategory.INVALID_REQUEST, "invalid_request_error",
            ErrorCategory.AUTHENTICATION, "authentication_error",
            ErrorCategory.PERMISSION, "permission_error",
            ErrorCategory.NOT_FOUND, "invalid_request_error",
            ErrorCategory.PAYLOAD_TOO_LARGE, "invalid_request_error",
            ErrorCategory.RATE_LIMITED, "rate_limit_error",
            ErrorCategory.INTERNAL, "server_error",
            ErrorCategory.UPSTREAM, "upstream_error",
            ErrorCategory.UNAVAILABLE, "service_unavailable_error",
            ErrorCategory.TIMEOUT, "timeout_error"));

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_CHAT;
    }

    @Override
    public ChatRequest decode(byte[] body, DecodeContext context) {
        return OpenAiRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response) {
        if (response.origin().isPresent() && response.origin().get().dialect() == Dialect.OPENAI_CHAT) {
            return Json.bytes(response.origin().get().json());
        }
        ObjectNode root = Json.object();
        root.put("id", response.id());
        root.put("object", "chat.completion");
        root.put("created", response.created());
        root.put("model", response.model());
        ArrayNode choices = root.putArray("choices");
        for (Choice choice : response.choices()) {
            ObjectNode c = choices.addObject();
            c.put("index", choice.index());
            ObjectNode message = c.putObject("message");
            message.put("role", "assistant");
            StringBuilder text = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            ArrayNode calls = null;
            for (ContentPart part : choice.message().content()) {
                switch (part) {
                    case ContentPart.Text t -> text.append(t.text());
                    case ContentPart.Thinking t -> reasoning.append(t.text());
                    case ContentPart.ToolCall call -> {
                        if (calls == null) {
                            calls = Json.MAPPER.createArrayNode();
                        }
                        ObjectNode tc = calls.addObject();
                        tc.put("id", call.id());
                        tc.put("type", "function");
                        tc.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                    }
                    default -> {
                        // images, tool results and foreign parts do not appear in an assistant answer here
                    }
                }
            }
            if (text.isEmpty() && calls != null) {
                message.putNull("content");
            } else {
                message.put("content", text.toString());
            }
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
            if (calls != null) {
                message.set("tool_calls", calls);
            }
            choice.finishReason().ifPresentOrElse(f -> c.put("finish_reason", finishReason(f)),
                    () -> c.putNull("finish_reason"));
        }
        response.usage().ifPresent(u -> root.set("usage", usage(u)));
        return Json.bytes(root);
    }

    @Override
    public byte[] encodeError(GatewayException error) {
        return Json.bytes(errorBody(error));
    }

    @Override
    public ChunkEncoder newChunkEncoder(ChatRequest request) {
        return new OpenAiChunkEncoder(request.includeUsage());
    }

    static ObjectNode errorBody(GatewayException error) {
        ObjectNode root = Json.object();
        ObjectNode e = root.putObject("error");
        e.put("message", error.getMessage());
        e.put("type", ERROR_TYPES.get(error.category()));
        error.param().ifPresentOrElse(p -> e.put("param", p), () -> e.putNull("param"));
        error.code().ifPresentOrElse(c -> e.put("code", c), () -> e.putNull("code"));
        return root;
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case STOP, OTHER -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    static ObjectNode usage(Usage u) {
        ObjectNode n = Json.object();
        n.put("prompt_tokens", u.inputTokens());
        n.put("completion_tokens", u.outputTokens());
        n.put("total_tokens", u.totalTokens());
        n.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
        n.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return n;
    }
}
