package dev.llmgateway.router.codec.gemini;

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
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Gemini API dialect ({@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}). Stateless. Errors use Google's shape
 * {@code {"error":{"code","message","status","details"}}} with the status names of the table below.
 */
public final class GeminiCodec implements FormatCodec {

    /** {@code error.status} per category: the one table for this dialect (google.rpc.Code names). */
    private static final Map<ErrorCategory, String> ERROR_STATUS = new EnumMap<>(Map.of(
            ErrorCategory.INVALID_REQUEST, "INVALID_ARGUMENT",
            ErrorCategory.AUTHENTICATION, "UNAUTHENTICATED",
            ErrorCategory.PERMISSION, "PERMISSION_DENIED",
            ErrorCategory.NOT_FOUND, "NOT_FOUND",
            ErrorCategory.PAYLOAD_TOO_LARGE, "INVALID_ARGUMENT",
            ErrorCategory.RATE_LIMITED, "RESOURCE_EXHAUSTED",
            ErrorCategory.INTERNAL, "INTERNAL",
            ErrorCategory.UPSTREAM, "UNAVAILABLE",
            ErrorCategory.UNAVAILABLE, "UNAVAILABLE",
            ErrorCategory.TIMEOUT, "DEADLINE_EXCEEDED"));

    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    @Override
    public ChatRequest decode(byte[] body, DecodeContext context) {
        return GeminiRequestDecoder.decode(body, context);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response) {
        if (response.origin().isPresent() && response.origin().get().dialect() == Dialect.GEMINI) {
            return Json.bytes(response.origin().get().json());
        }
        ObjectNode root = Json.object();
        ArrayNode candidates = root.putArray("candidates");
        for (Choice choice : response.choices()) {
            ObjectNode c = candidates.addObject();
            ObjectNode content = c.putObject("content");
            ArrayNode parts = content.putArray("parts");
            for (ContentPart part : choice.message().content()) {
                ObjectNode p = part(part);
                if (p != null) {
                    parts.add(p);
                }
            }
            content.put("role", "model");
            choice.finishReason().ifPresent(f -> c.put("finishReason", finishReason(f)));
            c.put("index", choice.index());
        }
        response.usage().ifPresent(u -> root.set("usageMetadata", usage(u)));
        root.put("modelVersion", response.model());
        root.put("responseId", response.id());
        return Json.bytes(root);
    }

    @Override
    public byte[] encodeError(GatewayException error) {
        return Json.bytes(errorBody(error));
    }

    @Override
    public ChunkEncoder newChunkEncoder(ChatRequest request) {
        return new GeminiChunkEncoder();
    }

    /**
     * Google's error object. The gateway's own machine code travels as an ErrorInfo reason and a
     * rate limit's wait as a RetryInfo, the way Google's own errors carry them.
     */
    static ObjectNode errorBody(GatewayException error) {
        ObjectNode root = Json.object();
        ObjectNode e = root.putObject("error");
        e.put("code", error.status());
        e.put("message", error.getMessage());
        e.put("status", ERROR_STATUS.get(error.category()));
        ArrayNode details = e.putArray("details");
        ObjectNode info = details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", error.code().orElse(ERROR_STATUS.get(error.category())))
                .put("domain", "llm-gateway");
        error.param().ifPresent(p -> info.putObject("metadata").put("param", p));
        error.retryAfter().ifPresent(d -> details.addObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", Math.max(1, (d.toMillis() + 999) / 1000) + "s"));
        return root;
    }

    /** One canonical answer part as a Gemini part; null when the part has no place in an answer. */
    static ObjectNode part(ContentPart part) {
        return switch (part) {
            case ContentPart.Text t -> Json.object().put("text", t.text());
            case ContentPart.Thinking t -> {
                ObjectNode p = Json.object().put("text", t.text()).put("thought", true);
                t.signature().ifPresent(s -> p.put("thoughtSignature", s));
                yield p;
            }
            case ContentPart.ToolCall call -> functionCall(call.id(), call.name(), call.arguments());
            case ContentPart.Opaque o when o.dialect() == Dialect.GEMINI && o.json().isObject() ->
                    (ObjectNode) o.json().deepCopy();
            default -> null; // images, tool results and foreign parts do not appear in an answer here
        };
    }

    /**
     * A whole {@code functionCall} part. Arguments that are not a JSON object (a call cut off by the
     * token limit) cannot be Gemini {@code args}; they are passed as {@code {"_raw_arguments": text}}
     * so nothing is lost and a client can see the call was broken.
     */
    static ObjectNode functionCall(String id, String name, String arguments) {
        ObjectNode p = Json.object();
        ObjectNode fc = p.putObject("functionCall");
        fc.put("id", id);
        fc.put("name", name);
        fc.set("args", arguments(arguments));
        return p;
    }

    static JsonNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // fall through: not JSON
        }
        return Json.object().put("_raw_arguments", arguments);
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case OTHER -> "OTHER";
        };
    }

    /**
     * Gemini counts thoughts apart from candidates and reports no cache writes; the canonical
     * output count includes reasoning, so it is split back here.
     */
    static ObjectNode usage(Usage u) {
        ObjectNode n = Json.object();
        n.put("promptTokenCount", u.inputTokens());
        n.put("candidatesTokenCount", Math.max(0, u.outputTokens() - u.reasoningTokens()));
        n.put("totalTokenCount", u.totalTokens());
        if (u.cacheReadTokens() > 0) {
            n.put("cachedContentTokenCount", u.cacheReadTokens());
        }
        if (u.reasoningTokens() > 0) {
            n.put("thoughtsTokenCount", u.reasoningTokens());
        }
        return n;
    }
}
