package dev.llmgateway.router.codec.anthropic;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes and validates an Anthropic Messages request body into the canonical request. Fields the
 * canonical model has no place for (cache_control, context_management, server tools, ...) survive
 * in the {@link NativeBody} for Anthropic upstreams; the rules for everything else are in
 * docs/translation-anthropic.md.
 */
final class AnthropicRequestDecoder {

    private AnthropicRequestDecoder() {
    }

    /** {@code countTokens}: the body of {@code /v1/messages/count_tokens}, where max_tokens is not taken. */
    static ChatRequest decode(byte[] body, boolean countTokens) {
        ObjectNode json = Json.parseObject(body);
        String model = Fields.requiredString(json, "model", "model");
        OptionalInt maxTokens = Fields.integer(json, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens.isEmpty() && !countTokens) {
            throw invalid("max_tokens", "is required");
        }
        List<Message> messages = new ArrayList<>(system(json.get("system")));
        messages.addAll(AnthropicContent.messages(json.get("messages")));
        boolean stream = !countTokens && Fields.bool(json, "stream", "stream", false);
        Optional<String> user = Optional.empty();
        JsonNode metadata = json.get("metadata");
        if (!absent(metadata)) {
            if (!metadata.isObject()) {
                throw invalid("metadata", "must be an object");
            }
            user = Fields.string(metadata, "user_id", "metadata.user_id");
        }
        return new ChatRequest(model, messages, tools(json.get("tools")), toolChoice(json.get("tool_choice")),
                Optional.empty(), sampling(json, maxTokens), stream, true, user,
                Optional.of(new NativeBody(Dialect.ANTHROPIC_MESSAGES, json)));
    }

    private static List<Message> system(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? List.of() : List.of(Message.text(Role.SYSTEM, node.textValue()));
        }
        if (!node.isArray()) {
            throw invalid("system", "must be a string or a list of text blocks");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode block = node.get(i);
            String p = "system[" + i + "]";
            if (!block.isObject() || !"text".equals(block.path("type").asText())) {
                throw invalid(p, "must be a text block ({\"type\":\"text\",\"text\":...})");
            }
            parts.add(new ContentPart.Text(Fields.string(block, "text", p + ".text")
                    .orElseThrow(() -> invalid(p + ".text", "is required"))));
        }
        return parts.isEmpty() ? List.of() : List.of(new Message(Role.SYSTEM, parts, Optional.empty()));
    }

    private static SamplingParams sampling(ObjectNode json, OptionalInt maxTokens) {
        return new SamplingParams(maxTokens,
                Fields.number(json, "temperature", "temperature", 0, 1),
                Fields.number(json, "top_p", "top_p", 0, 1),
                Fields.integer(json, "top_k", "top_k", 0, Integer.MAX_VALUE),
                stopSequences(json.get("stop_sequences")),
                OptionalLong.empty(), OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                reasoningEffort(json));
    }

    private static List<String> stopSequences(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("stop_sequences", "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : node) {
            if (!s.isTextual()) {
                throw invalid("stop_sequences", "must be a list of strings");
            }
            out.add(s.textValue());
        }
        return out;
    }

    /**
     * The canonical reasoning effort: {@code output_config.effort} when given, otherwise from the
     * thinking budget (under 4,096 low, under 16,384 medium, else high); adaptive thinking without
     * an effort is medium.
     */
    private static Optional<String> reasoningEffort(ObjectNode json) {
        JsonNode thinking = json.get("thinking");
        Optional<String> effort = Optional.empty();
        JsonNode outputConfig = json.get("output_config");
        if (!absent(outputConfig) && outputConfig.isObject()) {
            effort = Fields.string(outputConfig, "effort", "output_config.effort");
        }
        if (absent(thinking)) {
            return effort;
        }
        if (!thinking.isObject()) {
            throw invalid("thinking", "must be an object");
        }
        String type = Fields.requiredString(thinking, "type", "thinking.type");
        return switch (type) {
            case "disabled" -> Optional.empty();
            case "adaptive" -> effort.or(() -> Optional.of("medium"));
            case "enabled" -> {
                int budget = Fields.integer(thinking, "budget_tokens", "thinking.budget_tokens", 1024,
                        Integer.MAX_VALUE).orElseThrow(() -> invalid("thinking.budget_tokens", "is required"));
                yield effort.or(() -> Optional.of(budget < 4096 ? "low" : budget < 16384 ? "medium" : "high"));
            }
            default -> throw invalid("thinking.type", "must be enabled, disabled or adaptive; got '" + type + "'");
        };
    }

    /**
     * Client tools only. Anthropic's server tools (a {@code type} other than {@code custom}, such
     * as web search or the text editor) have no canonical form: they stay in the native body for
     * Anthropic upstreams and are left out for others.
     */
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
            String type = Fields.string(tool, "type", p + ".type").orElse("custom");
            String name = Fields.requiredString(tool, "name", p + ".name");
            if (!type.equals("custom")) {
                continue;
            }
            if (!name.matches("[a-zA-Z0-9_-]{1,128}")) {
                throw invalid(p + ".name", "must be 1-128 letters, digits, underscores or dashes");
            }
            JsonNode schema = tool.get("input_schema");
            if (absent(schema) || !schema.isObject()) {
                throw invalid(p + ".input_schema", "is required and must be a JSON Schema object");
            }
            Optional<Boolean> strict = absent(tool.get("strict")) ? Optional.empty()
                    : Optional.of(Fields.bool(tool, "strict", p + ".strict", false));
            out.add(new ToolDefinition(name, Fields.string(tool, "description", p + ".description"), schema, strict));
        }
        return out;
    }

    private static Optional<ToolChoice> toolChoice(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw invalid("tool_choice", "must be an object such as {\"type\":\"auto\"}");
        }
        String type = Fields.requiredString(node, "type", "tool_choice.type");
        Fields.bool(node, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use", false);
        return Optional.of(switch (type) {
            case "auto" -> new ToolChoice.Auto();
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> new ToolChoice.Named(Fields.requiredString(node, "name", "tool_choice.name"));
            default -> throw invalid("tool_choice.type", "must be auto, any, tool or none; got '" + type + "'");
        });
    }
}
