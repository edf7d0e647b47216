package dev.llmgateway.router.codec.openai;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Decodes and validates an OpenAI Chat Completions request body into the canonical request. */
final class OpenAiRequestDecoder {

    private OpenAiRequestDecoder() {
    }

    static ChatRequest decode(byte[] body) {
        ObjectNode json = Json.parseObject(body);
        String model = Fields.requiredString(json, "model", "model");
        List<Message> messages = messages(json.get("messages"));
        List<ToolDefinition> tools = tools(json.get("tools"));
        Optional<ToolChoice> toolChoice = toolChoice(json.get("tool_choice"));
        Optional<ResponseFormat> format = responseFormat(json.get("response_format"));
        boolean stream = Fields.bool(json, "stream", "stream", false);
        boolean includeUsage = false;
        JsonNode streamOptions = json.get("stream_options");
        if (!absent(streamOptions)) {
            if (!streamOptions.isObject()) {
                throw invalid("stream_options", "must be an object");
            }
            if (!stream) {
                throw invalid("stream_options", "is only allowed when 'stream' is true");
            }
            includeUsage = Fields.bool(streamOptions, "include_usage", "stream_options.include_usage", false);
        }
        return new ChatRequest(model, messages, tools, toolChoice, format, sampling(json), stream, includeUsage,
                Fields.string(json, "user", "user"), Optional.of(new NativeBody(Dialect.OPENAI_CHAT, json)));
    }

    private static SamplingParams sampling(ObjectNode json) {
        OptionalInt maxCompletion = Fields.integer(json, "max_completion_tokens", "max_completion_tokens", 1,
                Integer.MAX_VALUE);
        OptionalInt maxTokens = Fields.integer(json, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        return new SamplingParams(
                maxCompletion.isPresent() ? maxCompletion : maxTokens,
                Fields.number(json, "temperature", "temperature", 0, 2),
                Fields.number(json, "top_p", "top_p", 0, 1),
                Fields.integer(json, "top_k", "top_k", 1, Integer.MAX_VALUE),
                stop(json.get("stop")),
                Fields.longValue(json, "seed", "seed"),
                Fields.integer(json, "n", "n", 1, 128),
                Fields.number(json, "presence_penalty", "presence_penalty", -2, 2),
                Fields.number(json, "frequency_penalty", "frequency_penalty", -2, 2),
                Fields.string(json, "reasoning_effort", "reasoning_effort"));
    }

    private static List<String> stop(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw invalid("stop", "must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : node) {
            if (!s.isTextual()) {
                throw invalid("stop", "must be a string or a list of strings");
            }
            out.add(s.textValue());
        }
        return out;
    }

    private static List<Message> messages(JsonNode node) {
        if (absent(node)) {
            throw invalid("messages", "is required");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("messages", "must be a non-empty list of messages");
        }
        List<Message> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(message(node.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message message(JsonNode m, String p) {
        if (!m.isObject()) {
            throw invalid(p, "must be an object");
        }
        String roleName = Fields.requiredString(m, "role", p + ".role");
        Role role = switch (roleName) {
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            default -> throw invalid(p + ".role",
                    "must be one of system, developer, user, assistant, tool; got '" + roleName + "'");
        };
        List<ContentPart> parts = new ArrayList<>(content(m.get("content"), p + ".content", role));
        if (role == Role.ASSISTANT) {
            parts.addAll(toolCalls(m.get("tool_calls"), p + ".tool_calls"));
            Fields.string(m, "reasoning_content", p + ".reasoning_content")
                    .ifPresent(r -> parts.add(0, new ContentPart.Thinking(r, Optional.empty())));
        } else if (parts.isEmpty()) {
            throw invalid(p + ".content", "is required for role '" + roleName + "'");
        }
        if (role == Role.TOOL) {
            String callId = Fields.requiredString(m, "tool_call_id", p + ".tool_call_id");
            return new Message(role, List.of(new ContentPart.ToolResult(callId, parts, false)), Optional.empty());
        }
        return new Message(role, parts, Fields.string(m, "name", p + ".name"));
    }

    private static List<ContentPart> content(JsonNode node, String p, Role role) {
        if (absent(node)) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(new ContentPart.Text(node.textValue()));
        }
        if (!node.isArray()) {
            throw invalid(p, "must be a string or a list of content parts");
        }
        List<ContentPart> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String pp = p + "[" + i + "]";
            if (!part.isObject()) {
                throw invalid(pp, "must be an object");
            }
            String type = Fields.requiredString(part, "type", pp + ".type");
            switch (type) {
                case "text" -> out.add(new ContentPart.Text(Fields.string(part, "text", pp + ".text")
                        .orElseThrow(() -> invalid(pp + ".text", "is required"))));
                case "image_url" -> out.add(image(part.get("image_url"), pp + ".image_url"));
                case "refusal" -> out.add(new ContentPart.Text(Fields.string(part, "refusal", pp + ".refusal")
                        .orElse("")));
                default -> out.add(new ContentPart.Opaque(Dialect.OPENAI_CHAT, part));
            }
        }
        return out;
    }

    private static ContentPart image(JsonNode node, String p) {
        if (absent(node) || !node.isObject()) {
            throw invalid(p, "must be an object with a 'url'");
        }
        String url = Fields.requiredString(node, "url", p + ".url");
        Optional<String> detail = Fields.string(node, "detail", p + ".detail");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semi = url.indexOf(';');
            if (comma < 0 || semi < 0 || semi > comma || !url.substring(semi, comma).equals(";base64")) {
                throw invalid(p + ".url", "a data URL must look like data:<media type>;base64,<data>");
            }
            return new ContentPart.Image(Optional.empty(), Optional.of(url.substring(5, semi)),
                    Optional.of(url.substring(comma + 1)), detail);
        }
        return new ContentPart.Image(Optional.of(url), Optional.empty(), Optional.empty(), detail);
    }

    private static List<ContentPart> toolCalls(JsonNode node, String p) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(p, "must be a list");
        }
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode call = node.get(i);
            String pp = p + "[" + i + "]";
            String id = Fields.requiredString(call, "id", pp + ".id");
            JsonNode fn = call.get("function");
            if (absent(fn) || !fn.isObject()) {
                throw invalid(pp + ".function", "is required");
            }
            String name = Fields.requiredString(fn, "name", pp + ".function.name");
            String args = Fields.string(fn, "arguments", pp + ".function.arguments").orElse("{}");
            out.add(new ContentPart.ToolCall(id, name, args));
        }
        return out;
    }

    private static List<ToolDefinition> tools(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("tools", "must be a list");
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tool = node.get(i);
            String p = "tools[" + i + "]";
            if (!tool.isObject()) {
                throw invalid(p, "must be an object");
            }
            String type = Fields.string(tool, "type", p + ".type").orElse("function");
            if (!type.equals("function")) {
                throw invalid(p + ".type", "only 'function' tools are supported, got '" + type + "'");
            }
            JsonNode fn = tool.get("function");
            if (absent(fn) || !fn.isObject()) {
                throw invalid(p + ".function", "is required");
            }
            String name = Fields.requiredString(fn, "name", p + ".function.name");
            if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
                throw invalid(p + ".function.name", "must be 1-64 letters, digits, underscores or dashes");
            }
            JsonNode params = fn.get("parameters");
            if (!absent(params) && !params.isObject()) {
                throw invalid(p + ".function.parameters", "must be a JSON Schema object");
            }
            out.add(new ToolDefinition(name, Fields.string(fn, "description", p + ".function.description"),
                    absent(params) ? Json.object().put("type", "object") : params,
                    absent(fn.get("strict")) ? Optional.empty()
                            : Optional.of(Fields.bool(fn, "strict", p + ".function.strict", false))));
        }
        return out;
    }

    private static Optional<ToolChoice> toolChoice(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(switch (node.textValue()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw invalid("tool_choice", "must be auto, none, required or a function choice");
            });
        }
        if (node.isObject() && node.path("function").isObject()) {
            return Optional.of(new ToolChoice.Named(
                    Fields.requiredString(node.get("function"), "name", "tool_choice.function.name")));
        }
        throw invalid("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
    }

    private static Optional<ResponseFormat> responseFormat(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw invalid("response_format", "must be an object");
        }
        String type = Fields.requiredString(node, "type", "response_format.type");
        return Optional.of(switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode js = node.get("json_schema");
                if (absent(js) || !js.isObject()) {
                    throw invalid("response_format.json_schema", "is required when type is json_schema");
                }
                String name = Fields.requiredString(js, "name", "response_format.json_schema.name");
                JsonNode schema = js.get("schema");
                yield new ResponseFormat.JsonSchema(name, absent(schema) ? Json.object() : schema,
                        absent(js.get("strict")) ? Optional.empty()
                                : Optional.of(Fields.bool(js, "strict", "response_format.json_schema.strict", false)));
            }
            default -> throw invalid("response_format.type", "must be text, json_object or json_schema");
        });
    }
}
