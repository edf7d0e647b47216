package dev.llmgateway.router.provider.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a canonical request (from a client of another dialect) as an OpenAI Chat Completions
 * body. Documented rules where OpenAI has no equivalent: developer messages are sent as system
 * messages (older compatible servers reject "developer"); thinking blocks from earlier turns are
 * dropped (OpenAI does not take reasoning as input); {@code top_k} is dropped (no OpenAI field);
 * content types OpenAI cannot take (documents, audio of other dialects) are a 400, not dropped.
 */
final class OpenAiRequestEncoder {

    private OpenAiRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request, String upstreamModel, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", upstreamModel);
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            message(m, messages);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition t : request.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", t.name());
                t.description().ifPresent(d -> fn.put("description", d));
                fn.set("parameters", t.parameters());
                t.strict().ifPresent(s -> fn.put("strict", s));
            }
        }
        request.toolChoice().ifPresent(c -> {
            switch (c) {
                case ToolChoice.Auto a -> body.put("tool_choice", "auto");
                case ToolChoice.None n -> body.put("tool_choice", "none");
                case ToolChoice.Required r -> body.put("tool_choice", "required");
                case ToolChoice.Named named -> body.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", named.name());
            }
        });
        request.responseFormat().ifPresent(f -> {
            switch (f) {
                case ResponseFormat.Text t -> body.putObject("response_format").put("type", "text");
                case ResponseFormat.JsonObject j -> body.putObject("response_format").put("type", "json_object");
                case ResponseFormat.JsonSchema s -> {
                    ObjectNode js = body.putObject("response_format").put("type", "json_schema")
                            .putObject("json_schema");
                    js.put("name", s.name());
                    js.set("schema", s.schema());
                    s.strict().ifPresent(v -> js.put("strict", v));
                }
            }
        });
        sampling(request.sampling(), upstreamModel, body);
        request.user().ifPresent(u -> body.put("user", u));
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static void sampling(SamplingParams p, String model, ObjectNode body) {
        // OpenAI's reasoning models take only max_completion_tokens; most compatible servers only max_tokens.
        boolean reasoningModel = model.matches("(o\\d|gpt-5).*");
        p.maxOutputTokens().ifPresent(v -> body.put(reasoningModel ? "max_completion_tokens" : "max_tokens", v));
        p.temperature().ifPresent(v -> body.put("temperature", v));
        p.topP().ifPresent(v -> body.put("top_p", v));
        if (!p.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            p.stop().forEach(stop::add);
        }
        p.seed().ifPresent(v -> body.put("seed", v));
        p.n().ifPresent(v -> body.put("n", v));
        p.presencePenalty().ifPresent(v -> body.put("presence_penalty", v));
        p.frequencyPenalty().ifPresent(v -> body.put("frequency_penalty", v));
        p.reasoningEffort().ifPresent(v -> body.put("reasoning_effort", v));
    }

    private static void message(Message m, ArrayNode out) {
        switch (m.role()) {
            case SYSTEM, DEVELOPER -> out.addObject().put("role", "system").put("content", m.plainText());
            case ASSISTANT -> assistant(m, out);
            case USER, TOOL -> userOrTool(m, out);
        }
    }

    private static void assistant(Message m, ArrayNode out) {
        ObjectNode msg = Json.object().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = null;
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.ToolCall c -> {
                    if (calls == null) {
                        calls = msg.putArray("tool_calls");
                    }
                    ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                }
                case ContentPart.Thinking t -> {
                    // not accepted as input by OpenAI-compatible upstreams
                }
                default -> throw unsupported(part);
            }
        }
        if (text.isEmpty() && calls != null) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        m.name().ifPresent(n -> msg.put("name", n));
        out.add(msg);
    }

    /** Tool results become "tool" messages, placed before the rest of the user's content. */
    private static void userOrTool(Message m, ArrayNode out) {
        List<ContentPart> rest = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolResult r) {
                StringBuilder text = new StringBuilder();
                for (ContentPart inner : r.content()) {
                    if (inner instanceof ContentPart.Text t) {
                        text.append(t.text());
                    } else {
                        throw new InvalidRequestException("Tool results other than text cannot be sent to an "
                                + "OpenAI-compatible upstream.", "messages", "unsupported_content");
                    }
                }
                out.addObject().put("role", "tool").put("tool_call_id", r.toolCallId())
                        .put("content", (r.isError() ? "Error: " : "") + text);
            } else {
                rest.add(part);
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "user");
        if (rest.size() == 1 && rest.get(0) instanceof ContentPart.Text t) {
            msg.put("content", t.text());
        } else {
            ArrayNode parts = msg.putArray("content");
            for (ContentPart part : rest) {
                switch (part) {
                    case ContentPart.Text t -> parts.addObject().put("type", "text").put("text", t.text());
                    case ContentPart.Image img -> {
                        String url = img.url().orElseGet(() -> "data:" + img.mediaType().orElse("image/png")
                                + ";base64," + img.base64Data().orElse(""));
                        ObjectNode iu = parts.addObject().put("type", "image_url").putObject("image_url");
                        iu.put("url", url);
                        img.detail().ifPresent(d -> iu.put("detail", d));
                    }
                    default -> throw unsupported(part);
                }
            }
        }
        m.name().ifPresent(n -> msg.put("name", n));
    }

    private static InvalidRequestException unsupported(ContentPart part) {
        String kind = part instanceof ContentPart.Opaque o ? o.json().path("type").asText("unknown")
                : part.getClass().getSimpleName();
        return new InvalidRequestException("Content of type '" + kind
                + "' cannot be sent to an OpenAI-compatible upstream.", "messages", "unsupported_content");
    }
}
