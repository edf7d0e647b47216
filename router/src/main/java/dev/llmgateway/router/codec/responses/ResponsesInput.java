package dev.llmgateway.router.codec.responses;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the Responses API's {@code input} (a string or a list of items) into canonical messages.
 * One assistant turn arrives as several items (reasoning, message, function calls); consecutive
 * ones are merged into one assistant message so parallel calls stay one turn. Each
 * {@code function_call_output} becomes a tool message, as Chat Completions has them.
 */
final class ResponsesInput {

    private final List<Message> out = new ArrayList<>();
    /** The assistant turn being collected, or null. */
    private List<ContentPart> assistant;

    private ResponsesInput() {
    }

    static List<Message> decode(JsonNode node) {
        if (absent(node)) {
            throw invalid("input", "is required");
        }
        if (node.isTextual()) {
            return List.of(Message.text(Role.USER, node.textValue()));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("input", "must be a string or a non-empty list of input items");
        }
        ResponsesInput decoder = new ResponsesInput();
        for (int i = 0; i < node.size(); i++) {
            decoder.item(node.get(i), "input[" + i + "]");
        }
        decoder.closeAssistant();
        return decoder.out;
    }

    private void item(JsonNode item, String p) {
        if (!item.isObject()) {
            throw invalid(p, "must be an object");
        }
        // an item without a type is an "easy" input message: {role, content}
        String type = Fields.string(item, "type", p + ".type").orElse("message");
        switch (type) {
            case "message" -> message(item, p);
            case "function_call" -> assistantPart(functionCall(item, p));
            case "custom_tool_call" -> assistantPart(customToolCall(item, p));
            case "function_call_output", "custom_tool_call_output" -> {
                closeAssistant();
                out.add(new Message(Role.TOOL, List.of(functionOutput(item, p)), Optional.empty()));
            }
            case "reasoning" -> reasoning(item, p).ifPresent(this::assistantPart);
            case "additional_tools" -> {
                // tool declarations (Codex's "responses lite" mode), read by ResponsesTools; no message
            }
            case "item_reference" -> throw new InvalidRequestException("Input items of type 'item_reference' "
                    + "need stored responses, which this gateway does not keep; send the items themselves.",
                    p + ".type", "unsupported_input_item");
            default -> throw new InvalidRequestException("Input items of type '" + type + "' are not supported "
                    + "by this gateway (they belong to tools that run on OpenAI's servers).", p + ".type",
                    "unsupported_input_item");
        }
    }

    private void message(JsonNode item, String p) {
        String roleName = Fields.requiredString(item, "role", p + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            default -> throw invalid(p + ".role",
                    "must be one of user, assistant, system, developer; got '" + roleName + "'");
        };
        List<ContentPart> parts = ResponsesContent.parts(item.get("content"), p + ".content", role);
        if (role == Role.ASSISTANT) {
            parts.forEach(this::assistantPart);
            return;
        }
        closeAssistant();
        out.add(new Message(role, parts, Optional.empty()));
    }

    private static ContentPart functionCall(JsonNode item, String p) {
        String callId = Fields.requiredString(item, "call_id", p + ".call_id");
        String name = Fields.requiredString(item, "name", p + ".name");
        String flat = Fields.string(item, "namespace", p + ".namespace")
                .map(ns -> ns + ResponsesTools.NAMESPACE_SEPARATOR + name).orElse(name);
        String arguments = Fields.string(item, "arguments", p + ".arguments").orElse("{}");
        return new ContentPart.ToolCall(callId, flat, arguments);
    }

    /** A custom tool's call: its freeform input travels as the one string argument of the function it became. */
    private static ContentPart customToolCall(JsonNode item, String p) {
        String callId = Fields.requiredString(item, "call_id", p + ".call_id");
        String name = Fields.requiredString(item, "name", p + ".name");
        String flat = Fields.string(item, "namespace", p + ".namespace")
                .map(ns -> ns + ResponsesTools.NAMESPACE_SEPARATOR + name).orElse(name);
        String input = Fields.string(item, "input", p + ".input").orElse("");
        return new ContentPart.ToolCall(callId, flat,
                Json.text(Json.object().put(ResponsesTools.CUSTOM_INPUT, input)));
    }

    private static ContentPart functionOutput(JsonNode item, String p) {
        String callId = Fields.requiredString(item, "call_id", p + ".call_id");
        JsonNode output = item.get("output");
        if (absent(output)) {
            throw invalid(p + ".output", "is required");
        }
        List<ContentPart> content = output.isTextual() ? List.of(new ContentPart.Text(output.textValue()))
                : ResponsesContent.parts(output, p + ".output", Role.TOOL);
        return new ContentPart.ToolResult(callId, content, false);
    }

    /**
     * A reasoning item: its summary text (or, failing that, its reasoning text) becomes thinking,
     * with {@code encrypted_content} as the signature so a provider's signed thinking survives the
     * round trip through the client. An item with neither text nor signature carries nothing and
     * is dropped.
     */
    private static Optional<ContentPart> reasoning(JsonNode item, String p) {
        StringBuilder text = new StringBuilder();
        appendTexts(item.get("summary"), "summary_text", p + ".summary", text);
        if (text.isEmpty()) {
            appendTexts(item.get("content"), "reasoning_text", p + ".content", text);
        }
        Optional<String> signature = Fields.string(item, "encrypted_content", p + ".encrypted_content")
                .filter(s -> !s.isEmpty());
        if (text.isEmpty() && signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ContentPart.Thinking(text.toString(), signature));
    }

    private static void appendTexts(JsonNode parts, String type, String p, StringBuilder into) {
        if (absent(parts)) {
            return;
        }
        if (!parts.isArray()) {
            throw invalid(p, "must be a list");
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (!part.isObject() || !type.equals(part.path("type").asText())) {
                throw invalid(p + "[" + i + "]", "must be an object of type '" + type + "'");
            }
            if (!into.isEmpty()) {
                into.append("\n\n");
            }
            into.append(Fields.string(part, "text", p + "[" + i + "].text").orElse(""));
        }
    }

    private void assistantPart(ContentPart part) {
        if (assistant == null) {
            assistant = new ArrayList<>();
        }
        assistant.add(part);
    }

    private void closeAssistant() {
        if (assistant != null) {
            out.add(new Message(Role.ASSISTANT, assistant, Optional.empty()));
            assistant = null;
        }
    }
}
