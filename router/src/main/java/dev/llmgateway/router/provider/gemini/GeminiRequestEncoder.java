package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a canonical request (from a client of another dialect) as a Gemini
 * {@code GenerateContentRequest}. The rules where Gemini differs are in docs/translation-gemini.md;
 * in short: system and developer messages (wherever they stand) form {@code systemInstruction};
 * consecutive turns of the same role are merged (Gemini wants all responses to parallel calls in
 * one turn); call ids are not sent, responses name their function instead; thinking from earlier
 * turns is dropped (Gemini only accepts its own signed thoughts); schemas go as
 * {@code parametersJsonSchema} / {@code responseJsonSchema} (full JSON Schema).
 */
final class GeminiRequestEncoder {

    private static final int MAX_STOP_SEQUENCES = 5;

    private GeminiRequestEncoder() {
    }

    static ObjectNode encode(ChatRequest request, String upstreamModel) {
        ObjectNode body = Json.object();
        ArrayNode contents = body.putArray("contents");
        ArrayNode system = Json.MAPPER.createArrayNode();
        Map<String, String> callNames = new HashMap<>();
        for (Message m : request.messages()) {
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> m.content().forEach(p -> system.add(systemPart(p)));
                case ASSISTANT -> append(contents, "model", modelParts(m, callNames));
                case USER, TOOL -> append(contents, "user", userParts(m, callNames));
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").set("parts", system);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode decls = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolDefinition t : request.tools()) {
                ObjectNode d = decls.addObject().put("name", t.name());
                t.description().ifPresent(v -> d.put("description", v));
                d.set("parametersJsonSchema", t.parameters());
            }
        }
        request.toolChoice().ifPresent(c -> body.putObject("toolConfig").set("functionCallingConfig", toolChoice(c)));
        ObjectNode config = generationConfig(request, upstreamModel);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body;
    }

    private static ObjectNode systemPart(ContentPart p) {
        if (p instanceof ContentPart.Text t) {
            return Json.object().put("text", t.text());
        }
        throw unsupported("system instructions take text only", p);
    }

    /** Adds a turn, or merges its parts into the previous turn when that has the same role. */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode c = contents.addObject().put("role", role);
        c.set("parts", parts);
    }

    private static ArrayNode modelParts(Message m, Map<String, String> callNames) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> parts.addObject().put("text", t.text());
                case ContentPart.ToolCall c -> {
                    callNames.put(c.id(), c.name());
                    ObjectNode fc = parts.addObject().putObject("functionCall").put("name", c.name());
                    fc.set("args", args(c));
                }
                case ContentPart.Thinking t -> {
                    // dropped: Gemini accepts only thoughts it signed itself, and cannot tell them apart here
                }
                default -> parts.add(shared(part));
            }
        }
        return parts;
    }

    private static ArrayNode userParts(Message m, Map<String, String> callNames) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> parts.addObject().put("text", t.text());
                case ContentPart.ToolResult r -> parts.add(functionResponse(r, callNames));
                default -> parts.add(shared(part));
            }
        }
        return parts;
    }

    /** Images and Gemini's own parts, which either role may carry. */
    private static ObjectNode shared(ContentPart part) {
        return switch (part) {
            case ContentPart.Image img -> GeminiMedia.image(img);
            case ContentPart.Opaque o when o.dialect() == Dialect.GEMINI && o.json().isObject() ->
                    (ObjectNode) o.json().deepCopy();
            default -> throw unsupported("this content has no Gemini form", part);
        };
    }

    private static JsonNode args(ContentPart.ToolCall c) {
        try {
            JsonNode parsed = c.arguments().isBlank() ? Json.object() : Json.MAPPER.readTree(c.arguments());
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new InvalidRequestException("The arguments of tool call '" + c.id() + "' are not a JSON object; "
                + "Gemini needs function-call arguments as an object.", "messages", "invalid_tool_arguments");
    }

    /**
     * A tool result as a {@code functionResponse}: text that is a JSON object is sent as that object,
     * other text as {@code {"output": text}} ({@code {"error": text}} for error results).
     */
    private static ObjectNode functionResponse(ContentPart.ToolResult r, Map<String, String> callNames) {
        String name = callNames.get(r.toolCallId());
        if (name == null) {
            throw new InvalidRequestException("The tool result for call id '" + r.toolCallId() + "' follows no "
                    + "tool call with that id; Gemini needs the function's name.", "messages", "unknown_tool_call");
        }
        StringBuilder text = new StringBuilder();
        for (ContentPart inner : r.content()) {
            if (inner instanceof ContentPart.Text t) {
                text.append(t.text());
            } else {
                throw unsupported("tool results sent to Gemini take text only", inner);
            }
        }
        ObjectNode fr = Json.object().put("name", name);
        JsonNode object = null;
        if (!r.isError()) {
            try {
                object = Json.MAPPER.readTree(text.toString());
            } catch (IOException notJson) {
                object = null;
            }
        }
        fr.set("response", object != null && object.isObject() ? object
                : Json.object().put(r.isError() ? "error" : "output", text.toString()));
        ObjectNode part = Json.object();
        part.set("functionResponse", fr);
        return part;
    }

    private static ObjectNode toolChoice(ToolChoice c) {
        ObjectNode cfg = Json.object();
        switch (c) {
            case ToolChoice.Auto a -> cfg.put("mode", "AUTO");
            case ToolChoice.None n -> cfg.put("mode", "NONE");
            case ToolChoice.Required r -> cfg.put("mode", "ANY");
            case ToolChoice.Named named -> cfg.put("mode", "ANY").putArray("allowedFunctionNames").add(named.name());
        }
        return cfg;
    }

    private static ObjectNode generationConfig(ChatRequest request, String model) {
        ObjectNode gc = Json.object();
        SamplingParams p = request.sampling();
        p.maxOutputTokens().ifPresent(v -> gc.put("maxOutputTokens", v));
        p.temperature().ifPresent(v -> gc.put("temperature", v));
        p.topP().ifPresent(v -> gc.put("topP", v));
        p.topK().ifPresent(v -> gc.put("topK", v));
        if (p.stop().size() > MAX_STOP_SEQUENCES) {
            throw new InvalidRequestException("Gemini takes at most " + MAX_STOP_SEQUENCES + " stop sequences, got "
                    + p.stop().size() + ".", "stop", "too_many_stop_sequences");
        }
        if (!p.stop().isEmpty()) {
            p.stop().forEach(gc.putArray("stopSequences")::add);
        }
        p.seed().ifPresent(v -> {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new InvalidRequestException("Gemini takes a 32-bit seed; " + v + " is out of range.", "seed",
                        "invalid_value");
            }
            gc.put("seed", (int) v);
        });
        p.n().ifPresent(v -> gc.put("candidateCount", v));
        p.presencePenalty().ifPresent(v -> gc.put("presencePenalty", v));
        p.frequencyPenalty().ifPresent(v -> gc.put("frequencyPenalty", v));
        p.reasoningEffort().ifPresent(e -> gc.set("thinkingConfig", GeminiMedia.thinking(e, model)));
        request.responseFormat().ifPresent(f -> {
            switch (f) {
                case ResponseFormat.Text t -> gc.put("responseMimeType", "text/plain");
                case ResponseFormat.JsonObject j -> gc.put("responseMimeType", "application/json");
                case ResponseFormat.JsonSchema s -> {
                    gc.put("responseMimeType", "application/json");
                    gc.set("responseJsonSchema", s.schema());
                }
            }
        });
        return gc;
    }

    static InvalidRequestException unsupported(String why, ContentPart part) {
        String kind = part instanceof ContentPart.Opaque o ? o.dialect() + " " + o.json().path("type").asText("part")
                : part.getClass().getSimpleName();
        return new InvalidRequestException("Content of type '" + kind + "' cannot be sent to a Gemini upstream: "
                + why + ".", "messages", "unsupported_content");
    }
}
