package dev.llmgateway.router.codec.gemini;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes and validates a Gemini {@code GenerateContentRequest}. The model and streaming come from
 * the path; the body is kept as the {@link NativeBody} so a Gemini upstream gets it unchanged
 * (fields without a canonical meaning, such as safetySettings, cachedContent and built-in tools,
 * are honoured only there).
 */
final class GeminiRequestDecoder {

    private GeminiRequestDecoder() {
    }

    static ChatRequest decode(byte[] body, DecodeContext context) {
        String model = context.pathModel().orElseThrow(() -> invalid("model", "is required in the path"));
        if (context.pathStream() && !"sse".equals(context.query().get("alt"))) {
            throw new InvalidRequestException("streamGenerateContent is served as server-sent events only: "
                    + "add '?alt=sse' to the URL (the JSON-array stream form is not supported).", "alt",
                    "unsupported_stream_format");
        }
        ObjectNode json = Json.parseObject(body);
        GeminiContents contents = new GeminiContents();
        List<Message> messages = new ArrayList<>();
        contents.system(json.get("systemInstruction")).ifPresent(messages::add);
        messages.addAll(contents.messages(json.get("contents")));
        List<ToolDefinition> tools = tools(json.get("tools"));
        JsonNode callingConfig = json.path("toolConfig").path("functionCallingConfig");
        Optional<ToolChoice> choice = Optional.empty();
        if (callingConfig.isObject()) {
            choice = toolChoice(callingConfig);
            tools = restrict(tools, callingConfig);
        }
        JsonNode config = json.get("generationConfig");
        if (!absent(config) && !config.isObject()) {
            throw invalid("generationConfig", "must be an object");
        }
        ObjectNode gc = absent(config) ? Json.object() : (ObjectNode) config;
        return new ChatRequest(model, messages, tools, choice, responseFormat(gc), sampling(gc),
                context.pathStream(), true, Optional.empty(), Optional.of(new NativeBody(Dialect.GEMINI, json)));
    }

    private static SamplingParams sampling(ObjectNode gc) {
        List<String> stop = new ArrayList<>();
        JsonNode seqs = gc.get("stopSequences");
        if (!absent(seqs)) {
            if (!seqs.isArray()) {
                throw invalid("generationConfig.stopSequences", "must be a list of strings");
            }
            seqs.forEach(s -> {
                if (!s.isTextual()) {
                    throw invalid("generationConfig.stopSequences", "must be a list of strings");
                }
                stop.add(s.textValue());
            });
        }
        OptionalLong seed = Fields.longValue(gc, "seed", "generationConfig.seed");
        return new SamplingParams(
                Fields.integer(gc, "maxOutputTokens", "generationConfig.maxOutputTokens", 1, Integer.MAX_VALUE),
                Fields.number(gc, "temperature", "generationConfig.temperature", 0, 2),
                Fields.number(gc, "topP", "generationConfig.topP", 0, 1),
                topK(gc),
                stop, seed,
                Fields.integer(gc, "candidateCount", "generationConfig.candidateCount", 1, 8),
                Fields.number(gc, "presencePenalty", "generationConfig.presencePenalty", -2, 2),
                Fields.number(gc, "frequencyPenalty", "generationConfig.frequencyPenalty", -2, 2),
                reasoningEffort(gc.path("thinkingConfig")));
    }

    /** Gemini documents topK as an integer but its SDKs send it as a number ({@code 64.0}). */
    private static OptionalInt topK(ObjectNode gc) {
        OptionalDouble k = Fields.number(gc, "topK", "generationConfig.topK", 1, Integer.MAX_VALUE);
        return k.isPresent() ? OptionalInt.of((int) Math.round(k.getAsDouble())) : OptionalInt.empty();
    }

    /**
     * Only {@code thinkingLevel} names an effort; {@code thinkingBudget} (a token count) and
     * {@code includeThoughts} have no canonical field and reach Gemini upstreams only.
     */
    private static Optional<String> reasoningEffort(JsonNode thinking) {
        JsonNode level = thinking.path("thinkingLevel");
        if (!level.isTextual()) {
            return Optional.empty();
        }
        return switch (level.textValue().toUpperCase(Locale.ROOT)) {
            case "MINIMAL" -> Optional.of("minimal");
            case "LOW" -> Optional.of("low");
            case "MEDIUM" -> Optional.of("medium");
            case "HIGH" -> Optional.of("high");
            default -> throw invalid("generationConfig.thinkingConfig.thinkingLevel",
                    "must be MINIMAL, LOW, MEDIUM or HIGH, got '" + level.textValue() + "'");
        };
    }

    private static Optional<ResponseFormat> responseFormat(ObjectNode gc) {
        Optional<String> mime = Fields.string(gc, "responseMimeType", "generationConfig.responseMimeType");
        JsonNode jsonSchema = gc.get("responseJsonSchema");
        JsonNode schema = gc.get("responseSchema");
        Optional<JsonNode> typed = !absent(jsonSchema) ? Optional.of(GeminiSchema.lowerTypeNames(jsonSchema))
                : absent(schema) ? Optional.empty() : Optional.of(GeminiSchema.toJsonSchema(schema));
        if (mime.isEmpty()) {
            if (typed.isPresent()) {
                throw invalid("generationConfig.responseMimeType", "must be 'application/json' when a response "
                        + "schema is given");
            }
            return Optional.empty();
        }
        return switch (mime.get()) {
            case "text/plain" -> Optional.of(new ResponseFormat.Text());
            case "application/json" -> Optional.of(typed.<ResponseFormat>map(
                    s -> new ResponseFormat.JsonSchema("response", s, Optional.empty()))
                    .orElse(new ResponseFormat.JsonObject()));
            // text/x.enum and other types have no canonical form; a Gemini upstream honours them natively
            default -> Optional.empty();
        };
    }

    private static List<ToolDefinition> tools(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("tools", "must be a list of Tool objects");
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode decls = node.get(i).get("functionDeclarations");
            if (absent(decls)) {
                continue; // googleSearch, codeExecution, urlContext: built-in tools only a Gemini upstream has
            }
            if (!decls.isArray()) {
                throw invalid("tools[" + i + "].functionDeclarations", "must be a list");
            }
            for (int j = 0; j < decls.size(); j++) {
                out.add(declaration(decls.get(j), "tools[" + i + "].functionDeclarations[" + j + "]"));
            }
        }
        return out;
    }

    private static ToolDefinition declaration(JsonNode d, String p) {
        if (!d.isObject()) {
            throw invalid(p, "must be an object");
        }
        String name = Fields.requiredString(d, "name", p + ".name");
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}")) {
            throw invalid(p + ".name", "must start with a letter or underscore and use letters, digits, "
                    + "underscores, dots, colons or dashes (at most 128)");
        }
        JsonNode jsonSchema = d.get("parametersJsonSchema");
        JsonNode schema = d.get("parameters");
        JsonNode params;
        if (!absent(jsonSchema)) {
            params = GeminiSchema.lowerTypeNames(jsonSchema);
        } else if (!absent(schema)) {
            params = GeminiSchema.toJsonSchema(schema);
        } else {
            params = Json.object().put("type", "object").set("properties", Json.object());
        }
        if (!params.isObject()) {
            throw invalid(p + ".parameters", "must be a schema object");
        }
        return new ToolDefinition(name, Fields.string(d, "description", p + ".description"), params,
                Optional.empty());
    }

    private static Optional<ToolChoice> toolChoice(JsonNode cfg) {
        String mode = Fields.string(cfg, "mode", "toolConfig.functionCallingConfig.mode").orElse("AUTO");
        List<String> allowed = allowed(cfg);
        return Optional.of(switch (mode) {
            case "AUTO", "MODE_UNSPECIFIED", "VALIDATED" -> new ToolChoice.Auto();
            case "NONE" -> new ToolChoice.None();
            case "ANY" -> allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0)) : new ToolChoice.Required();
            default -> throw invalid("toolConfig.functionCallingConfig.mode",
                    "must be AUTO, ANY, NONE or VALIDATED, got '" + mode + "'");
        });
    }

    /**
     * {@code ANY} with {@code allowedFunctionNames} means "call one of these": canonically the tool
     * list is cut to those names (a Gemini upstream still gets the original body).
     */
    private static List<ToolDefinition> restrict(List<ToolDefinition> tools, JsonNode cfg) {
        List<String> allowed = allowed(cfg);
        if (allowed.isEmpty() || !"ANY".equals(cfg.path("mode").asText())) {
            return tools;
        }
        Set<String> names = new HashSet<>(allowed);
        List<ToolDefinition> out = tools.stream().filter(t -> names.contains(t.name())).toList();
        for (String name : allowed) {
            if (out.stream().noneMatch(t -> t.name().equals(name))) {
                throw invalid("toolConfig.functionCallingConfig.allowedFunctionNames",
                        "names '" + name + "', which no function declaration defines");
            }
        }
        return out;
    }

    private static List<String> allowed(JsonNode cfg) {
        JsonNode names = cfg.get("allowedFunctionNames");
        if (absent(names)) {
            return List.of();
        }
        if (!names.isArray()) {
            throw invalid("toolConfig.functionCallingConfig.allowedFunctionNames", "must be a list of names");
        }
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }
}
