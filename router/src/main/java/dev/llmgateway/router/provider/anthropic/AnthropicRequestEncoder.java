package dev.llmgateway.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a canonical request (from a client of another dialect) as an Anthropic Messages body.
 * The rules where the dialects differ are written down in docs/translation-anthropic.md; in short:
 * system and developer messages go to the top-level {@code system}; tool results become
 * {@code tool_result} blocks at the start of a user turn; consecutive turns of one role are merged;
 * {@code max_tokens} defaults to {@link #DEFAULT_MAX_TOKENS}; {@code n > 1}, temperatures above 1
 * and JSON-object mode are a 400; seed and penalties are dropped.
 */
final class AnthropicRequestEncoder {

    /** Used when the client set no output limit, because the Messages API requires one. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request, String upstreamModel, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", upstreamModel);
        messages(request.messages(), body);
        tools(request, body);
        request.responseFormat().ifPresent(f -> responseFormat(f, body));
        sampling(request.sampling(), body);
        request.user().ifPresent(u -> body.putObject("metadata").put("user_id", u));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /** The body for {@code /messages/count_tokens}: what shapes the prompt, no generation settings. */
    static ObjectNode encodeForCount(ChatRequest request, String upstreamModel) {
        ObjectNode body = Json.object();
        body.put("model", upstreamModel);
        messages(request.messages(), body);
        tools(request, body);
        return body;
    }

    private static void messages(List<Message> messages, ObjectNode body) {
        ArrayNode system = Json.MAPPER.createArrayNode();
        ArrayNode out = body.putArray("messages");
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                String text = m.plainText();
                if (!text.isEmpty()) {
                    system.addObject().put("type", "text").put("text", text);
                }
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            ArrayNode blocks = blocks(m, role);
            if (blocks.isEmpty()) {
                continue; // Anthropic refuses empty turns; an empty turn carries no meaning
            }
            if (role.equals(lastRole)) {
                ArrayNode combined = Json.MAPPER.createArrayNode();
                combined.addAll(lastContent);
                combined.addAll(blocks);
                lastContent.removeAll();
                lastContent.addAll(toolResultsFirst(combined));
                continue;
            }
            ObjectNode msg = out.addObject().put("role", role);
            msg.set("content", blocks);
            lastRole = role;
            lastContent = blocks;
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
    }

    /** Anthropic wants the tool results of a user turn before anything else in it. */
    private static ArrayNode toolResultsFirst(ArrayNode blocks) {
        ArrayNode ordered = Json.MAPPER.createArrayNode();
        blocks.forEach(b -> {
            if (b.path("type").asText().equals("tool_result")) {
                ordered.add(b);
            }
        });
        blocks.forEach(b -> {
            if (!b.path("type").asText().equals("tool_result")) {
                ordered.add(b);
            }
        });
        return ordered;
    }

    private static ArrayNode blocks(Message m, String role) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        ArrayNode rest = Json.MAPPER.createArrayNode();
        // tool results first: Anthropic wants them at the start of a user turn
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) {
                        rest.addObject().put("type", "text").put("text", t.text());
                    }
                }
                case ContentPart.Image img -> rest.add(image(img));
                case ContentPart.ToolCall c -> rest.addObject().put("type", "tool_use").put("id", c.id())
                        .put("name", c.name()).set("input", toolInput(c));
                case ContentPart.ToolResult r -> results.add(toolResult(r));
                case ContentPart.Thinking t -> {
                    // Anthropic takes back only signed thinking; unsigned reasoning of other providers is dropped
                    if (role.equals("assistant") && t.signature().isPresent() && !t.signature().get().isEmpty()) {
                        rest.addObject().put("type", "thinking").put("thinking", t.text())
                                .put("signature", t.signature().get());
                    }
                }
                case ContentPart.Opaque o -> {
                    if (o.dialect() != Dialect.ANTHROPIC_MESSAGES) {
                        throw unsupported(o.json().path("type").asText("unknown"));
                    }
                    rest.add(o.json());
                }
            }
        }
        results.addAll(rest);
        return results;
    }

    private static ObjectNode image(ContentPart.Image img) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (img.base64Data().isPresent()) {
            source.put("type", "base64").put("media_type", img.mediaType().orElse("image/png"))
                    .put("data", img.base64Data().get());
        } else {
            String url = img.url().orElseThrow(() -> new InvalidRequestException(
                    "An image needs a URL or inline data.", "messages", "invalid_image"));
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private static ObjectNode toolResult(ContentPart.ToolResult r) {
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", r.toolCallId());
        if (r.content().size() == 1 && r.content().get(0) instanceof ContentPart.Text t) {
            block.put("content", t.text());
        } else {
            ArrayNode content = block.putArray("content");
            for (ContentPart inner : r.content()) {
                switch (inner) {
                    case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                    case ContentPart.Image img -> content.add(image(img));
                    case ContentPart.Opaque o when o.dialect() == Dialect.ANTHROPIC_MESSAGES -> content.add(o.json());
                    default -> throw unsupported(inner.getClass().getSimpleName() + " in a tool result");
                }
            }
        }
        if (r.isError()) {
            block.put("is_error", true);
        }
        return block;
    }

    private static JsonNode toolInput(ContentPart.ToolCall c) {
        if (c.arguments().isBlank()) {
            return Json.object();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(c.arguments());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new InvalidRequestException("The arguments of tool call '" + c.id() + "' are not a JSON object; "
                + "an Anthropic upstream needs one.", "messages", "invalid_tool_arguments");
    }

    private static void tools(ChatRequest request, ObjectNode body) {
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition t : request.tools()) {
                ObjectNode tool = tools.addObject().put("name", t.name());
                t.description().ifPresent(d -> tool.put("description", d));
                tool.set("input_schema", t.parameters());
            }
        }
        request.toolChoice().ifPresent(c -> {
            ObjectNode choice = body.putObject("tool_choice");
            switch (c) {
                case ToolChoice.Auto a -> choice.put("type", "auto");
                case ToolChoice.None n -> choice.put("type", "none");
                case ToolChoice.Required r -> choice.put("type", "any");
                case ToolChoice.Named named -> choice.put("type", "tool").put("name", named.name());
            }
        });
    }

    private static void responseFormat(ResponseFormat format, ObjectNode body) {
        switch (format) {
            case ResponseFormat.Text t -> {
                // plain text is the default
            }
            case ResponseFormat.JsonObject j -> throw new InvalidRequestException("JSON mode without a schema "
                    + "(response_format json_object) is not supported by Anthropic upstreams; use json_schema.",
                    "response_format", "unsupported_parameter");
            case ResponseFormat.JsonSchema s -> body.putObject("output_config").putObject("format")
                    .put("type", "json_schema").set("schema", s.schema());
        }
    }

    private static void sampling(SamplingParams p, ObjectNode body) {
        if (p.n().isPresent() && p.n().getAsInt() > 1) {
            throw new InvalidRequestException("Anthropic upstreams give one answer per request; 'n' must be 1.",
                    "n", "unsupported_parameter");
        }
        int max = p.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS);
        body.put("max_tokens", max);
        if (p.temperature().isPresent()) {
            double t = p.temperature().getAsDouble();
            if (t > 1) {
                throw new InvalidRequestException("Anthropic upstreams take a temperature from 0 to 1, got " + t + ".",
                        "temperature", "unsupported_parameter");
            }
            body.put("temperature", t);
        }
        p.topP().ifPresent(v -> body.put("top_p", v));
        p.topK().ifPresent(v -> body.put("top_k", v));
        if (!p.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            p.stop().forEach(stop::add);
        }
        p.reasoningEffort().ifPresent(effort -> thinking(effort, max, body));
    }

    /**
     * Reasoning effort becomes a thinking budget: low 2,048, medium 8,192, high 16,384 tokens, kept
     * below max_tokens (which counts thinking); when max_tokens leaves less than Anthropic's minimum
     * budget of 1,024, or the effort is none/minimal, no thinking is asked for.
     */
    private static void thinking(String effort, int maxTokens, ObjectNode body) {
        int budget = switch (effort) {
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high", "xhigh", "max" -> 16384;
            default -> 0;
        };
        budget = Math.min(budget, maxTokens - 1);
        if (budget < 1024) {
            return;
        }
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        body.remove("temperature"); // Anthropic refuses a temperature other than 1 with thinking
        body.remove("top_k");
    }

    private static InvalidRequestException unsupported(String kind) {
        return new InvalidRequestException("Content of type '" + kind + "' cannot be sent to an Anthropic upstream.",
                "messages", "unsupported_content");
    }
}
