package dev.llmgateway.router.codec.gemini;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes Gemini {@code contents} into canonical messages. Gemini function calls usually carry no
 * id, so calls without one get {@code call_<n>}, n counting every function call of the
 * conversation from 0 (stable, because a client resends the whole history); a
 * {@code functionResponse} without an id answers the oldest unanswered call of the same name. One
 * instance per request: it keeps the unanswered calls.
 */
final class GeminiContents {

    private final Map<String, Deque<String>> openCalls = new HashMap<>();
    private int callCount;

    List<Message> messages(JsonNode node) {
        if (absent(node)) {
            throw invalid("contents", "is required");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("contents", "must be a non-empty list of Content objects");
        }
        List<Message> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(content(node.get(i), "contents[" + i + "]"));
        }
        return out;
    }

    /** {@code systemInstruction}: a Content whose role is ignored, or (leniently) a plain string. */
    Optional<Message> system(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(Message.text(Role.SYSTEM, node.textValue()));
        }
        if (!node.isObject()) {
            throw invalid("systemInstruction", "must be a Content object with parts");
        }
        List<ContentPart> parts = new ArrayList<>();
        JsonNode ps = node.get("parts");
        if (absent(ps) || !ps.isArray()) {
            throw invalid("systemInstruction.parts", "must be a list of parts");
        }
        for (int i = 0; i < ps.size(); i++) {
            String p = "systemInstruction.parts[" + i + "]";
            parts.add(new ContentPart.Text(Fields.string(ps.get(i), "text", p + ".text")
                    .orElseThrow(() -> invalid(p + ".text", "is required; system instructions take text only"))));
        }
        return Optional.of(new Message(Role.SYSTEM, parts, Optional.empty()));
    }

    private Message content(JsonNode c, String p) {
        if (!c.isObject()) {
            throw invalid(p, "must be an object");
        }
        // Gemini treats a missing role as "user"; "function" is the older role of function responses.
        String roleName = Fields.string(c, "role", p + ".role").orElse("user");
        Role role = switch (roleName) {
            case "user", "function" -> Role.USER;
            case "model" -> Role.ASSISTANT;
            default -> throw invalid(p + ".role", "must be 'user' or 'model', got '" + roleName + "'");
        };
        JsonNode parts = c.get("parts");
        if (absent(parts) || !parts.isArray() || parts.isEmpty()) {
            throw invalid(p + ".parts", "must be a non-empty list of parts");
        }
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            ContentPart part = part(parts.get(i), p + ".parts[" + i + "]", role);
            if (part != null) {
                out.add(part);
            }
        }
        return new Message(role, out, Optional.empty());
    }

    private ContentPart part(JsonNode part, String p, Role role) {
        if (!part.isObject()) {
            throw invalid(p, "must be an object");
        }
        if (part.has("text")) {
            String text = Fields.string(part, "text", p + ".text").orElse("");
            if (Fields.bool(part, "thought", p + ".thought", false)) {
                return new ContentPart.Thinking(text, Fields.string(part, "thoughtSignature", p + ".thoughtSignature"));
            }
            return new ContentPart.Text(text);
        }
        if (part.has("inlineData")) {
            return inlineData(part, p);
        }
        if (part.has("fileData")) {
            return fileData(part, p);
        }
        if (part.has("functionCall")) {
            if (role != Role.ASSISTANT) {
                throw invalid(p + ".functionCall", "may only appear in a 'model' turn");
            }
            return functionCall(part.get("functionCall"), p + ".functionCall");
        }
        if (part.has("functionResponse")) {
            if (role != Role.USER) {
                throw invalid(p + ".functionResponse", "may only appear in a 'user' turn");
            }
            return functionResponse(part.get("functionResponse"), p + ".functionResponse");
        }
        // executableCode, codeExecutionResult, videoMetadata-only parts and future kinds
        return new ContentPart.Opaque(Dialect.GEMINI, part);
    }

    private static ContentPart inlineData(JsonNode part, String p) {
        JsonNode d = part.get("inlineData");
        if (!d.isObject()) {
            throw invalid(p + ".inlineData", "must be an object with mimeType and data");
        }
        String mime = Fields.requiredString(d, "mimeType", p + ".inlineData.mimeType");
        String data = Fields.requiredString(d, "data", p + ".inlineData.data");
        if (!mime.startsWith("image/")) {
            return new ContentPart.Opaque(Dialect.GEMINI, part); // audio, video, PDF: no canonical type
        }
        return new ContentPart.Image(Optional.empty(), Optional.of(mime), Optional.of(data), Optional.empty());
    }

    private static ContentPart fileData(JsonNode part, String p) {
        JsonNode d = part.get("fileData");
        if (!d.isObject()) {
            throw invalid(p + ".fileData", "must be an object with fileUri");
        }
        String uri = Fields.requiredString(d, "fileUri", p + ".fileData.fileUri");
        Optional<String> mime = Fields.string(d, "mimeType", p + ".fileData.mimeType");
        if (mime.isPresent() && !mime.get().startsWith("image/")) {
            return new ContentPart.Opaque(Dialect.GEMINI, part);
        }
        return new ContentPart.Image(Optional.of(uri), mime, Optional.empty(), Optional.empty());
    }

    private ContentPart functionCall(JsonNode fc, String p) {
        if (!fc.isObject()) {
            throw invalid(p, "must be an object with name and args");
        }
        String name = Fields.requiredString(fc, "name", p + ".name");
        JsonNode args = fc.get("args");
        if (!absent(args) && !args.isObject()) {
            throw invalid(p + ".args", "must be an object");
        }
        String id = Fields.string(fc, "id", p + ".id").orElse("call_" + callCount);
        callCount++;
        openCalls.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(id);
        return new ContentPart.ToolCall(id, name, absent(args) ? "{}" : Json.text(args));
    }

    private ContentPart functionResponse(JsonNode fr, String p) {
        if (!fr.isObject()) {
            throw invalid(p, "must be an object with name and response");
        }
        String name = Fields.requiredString(fr, "name", p + ".name");
        JsonNode response = fr.get("response");
        if (!absent(response) && !response.isObject()) {
            throw invalid(p + ".response", "must be an object");
        }
        Deque<String> open = openCalls.getOrDefault(name, new ArrayDeque<>());
        Optional<String> given = Fields.string(fr, "id", p + ".id");
        String id;
        if (given.isPresent()) {
            id = given.get();
            open.remove(id);
        } else if (!open.isEmpty()) {
            id = open.removeFirst();
        } else {
            throw invalid(p + ".name", "no earlier functionCall named '" + name + "' is waiting for this response");
        }
        return result(id, absent(response) ? Json.object() : response);
    }

    /**
     * A response that is only {@code {"output": text}} or {@code {"content": text}} becomes that text;
     * only {@code {"error": text}} becomes an error result; any other object travels as its JSON.
     */
    private static ContentPart result(String id, JsonNode response) {
        if (response.size() == 1) {
            for (String key : List.of("output", "content", "error")) {
                JsonNode v = response.get(key);
                if (v != null && v.isTextual()) {
                    return new ContentPart.ToolResult(id, List.of(new ContentPart.Text(v.textValue())),
                            key.equals("error"));
                }
            }
        }
        return new ContentPart.ToolResult(id, List.of(new ContentPart.Text(Json.text(response))), false);
    }
}
