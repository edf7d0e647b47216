package dev.llmgateway.router.codec.anthropic;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code messages} list of an Anthropic request: roles, typed content blocks and the turn
 * rules the Messages API enforces (tool_use only from the assistant, every tool_result answering a
 * tool_use of the assistant turn just before it).
 */
final class AnthropicContent {

    private AnthropicContent() {
    }

    static List<Message> messages(JsonNode node) {
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
        checkTurns(out);
        return out;
    }

    private static Message message(JsonNode m, String p) {
        if (!m.isObject()) {
            throw invalid(p, "must be an object");
        }
        String roleName = Fields.requiredString(m, "role", p + ".role");
        // Claude Code sends a role "system" message inside messages (after the user turn).
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            default -> throw invalid(p + ".role", "must be 'user' or 'assistant'; got '" + roleName + "'");
        };
        JsonNode content = m.get("content");
        if (absent(content)) {
            throw invalid(p + ".content", "is required");
        }
        if (content.isTextual()) {
            return Message.text(role, content.textValue());
        }
        if (!content.isArray()) {
            throw invalid(p + ".content", "must be a string or a list of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(block(content.get(i), p + ".content[" + i + "]", role));
        }
        return new Message(role, parts, Optional.empty());
    }

    private static ContentPart block(JsonNode b, String p, Role role) {
        if (!b.isObject()) {
            throw invalid(p, "must be a content block object");
        }
        String type = Fields.requiredString(b, "type", p + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(text(b, "text", p));
            case "image" -> image(b, p);
            case "tool_use" -> {
                if (role != Role.ASSISTANT) {
                    throw invalid(p, "tool_use blocks may only appear in assistant messages");
                }
                JsonNode input = b.get("input");
                if (absent(input) || !input.isObject()) {
                    throw invalid(p + ".input", "is required and must be an object");
                }
                yield new ContentPart.ToolCall(Fields.requiredString(b, "id", p + ".id"),
                        Fields.requiredString(b, "name", p + ".name"), Json.text(input));
            }
            case "tool_result" -> {
                if (role != Role.USER) {
                    throw invalid(p, "tool_result blocks may only appear in user messages");
                }
                yield toolResult(b, p);
            }
            case "thinking" -> new ContentPart.Thinking(text(b, "thinking", p),
                    Fields.string(b, "signature", p + ".signature"));
            default -> new ContentPart.Opaque(Dialect.ANTHROPIC_MESSAGES, b);
        };
    }

    private static String text(JsonNode b, String field, String p) {
        return Fields.string(b, field, p + "." + field).orElseThrow(() -> invalid(p + "." + field, "is required"));
    }

    private static ContentPart image(JsonNode b, String p) {
        JsonNode source = b.get("source");
        if (absent(source) || !source.isObject()) {
            throw invalid(p + ".source", "is required");
        }
        String kind = Fields.requiredString(source, "type", p + ".source.type");
        return switch (kind) {
            case "base64" -> new ContentPart.Image(Optional.empty(),
                    Optional.of(Fields.requiredString(source, "media_type", p + ".source.media_type")),
                    Optional.of(Fields.requiredString(source, "data", p + ".source.data")), Optional.empty());
            case "url" -> new ContentPart.Image(Optional.of(Fields.requiredString(source, "url", p + ".source.url")),
                    Optional.empty(), Optional.empty(), Optional.empty());
            // file ids only mean something to the Anthropic upstream that issued them
            default -> new ContentPart.Opaque(Dialect.ANTHROPIC_MESSAGES, b);
        };
    }

    private static ContentPart toolResult(JsonNode b, String p) {
        String id = Fields.requiredString(b, "tool_use_id", p + ".tool_use_id");
        boolean isError = Fields.bool(b, "is_error", p + ".is_error", false);
        JsonNode content = b.get("content");
        List<ContentPart> parts = new ArrayList<>();
        if (absent(content)) {
            // an empty result is allowed
        } else if (content.isTextual()) {
            parts.add(new ContentPart.Text(content.textValue()));
        } else if (content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonNode inner = content.get(i);
                String pp = p + ".content[" + i + "]";
                String type = inner.isObject() ? Fields.requiredString(inner, "type", pp + ".type") : "";
                parts.add(switch (type) {
                    case "text" -> new ContentPart.Text(text(inner, "text", pp));
                    case "image" -> image(inner, pp);
                    case "" -> throw invalid(pp, "must be a content block object");
                    default -> new ContentPart.Opaque(Dialect.ANTHROPIC_MESSAGES, inner);
                });
            }
        } else {
            throw invalid(p + ".content", "must be a string or a list of content blocks");
        }
        return new ContentPart.ToolResult(id, parts, isError);
    }

    /**
     * Consecutive turns of one role are accepted (the Messages API combines them), and system
     * messages inside the list are transparent; every tool_result must answer a tool_use of the
     * assistant turn right before its user turn.
     */
    private static void checkTurns(List<Message> messages) {
        Set<String> offered = new HashSet<>();
        Set<String> current = new HashSet<>();
        Role last = null;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role() == Role.SYSTEM) {
                continue;
            }
            if (m.role() != last) {
                if (m.role() == Role.USER) {
                    offered = current;
                }
                current = new HashSet<>();
                last = m.role();
            }
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.ToolCall c) {
                    current.add(c.id());
                } else if (part instanceof ContentPart.ToolResult r && !offered.contains(r.toolCallId())) {
                    throw invalid("messages[" + i + "].content",
                            "tool_result block for '" + r.toolCallId() + "' does not answer a tool_use block "
                                    + "of the assistant message just before it");
                }
            }
        }
    }
}
