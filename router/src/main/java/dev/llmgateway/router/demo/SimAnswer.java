package dev.llmgateway.router.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A deterministic answer for one simulator request: the same request always gets the same words,
 * tool calls and token counts (prompt tokens are estimated at four characters a token).
 */
final class SimAnswer {

    private static final long CREATED = 1_700_000_000L;

    private final String id;
    private final String model;
    private final List<String> words;
    private final List<String[]> toolCalls; // {id, name, arguments}
    private final String finishReason;
    private final long promptTokens;

    private SimAnswer(String id, String model, List<String> words, List<String[]> toolCalls, String finishReason,
                      long promptTokens) {
        this.id = id;
        this.model = model;
        this.words = words;
        this.toolCalls = toolCalls;
        this.finishReason = finishReason;
        this.promptTokens = promptTokens;
    }

    static SimAnswer build(JsonNode req, SimBehaviour b) {
        String prompt = Json.text(req.path("messages"));
        long promptTokens = Math.max(1, prompt.length() / 4);
        String id = "chatcmpl-sim" + Integer.toHexString(prompt.hashCode() & 0x7fffffff);
        List<String[]> calls = new ArrayList<>();
        JsonNode tools = req.path("tools");
        JsonNode messages = req.path("messages");
        boolean afterTools = answersToolResults(messages);
        if (b.tools() && tools.isArray() && !tools.isEmpty() && !"none".equals(req.path("tool_choice").asText())
                && !afterTools) {
            String userText = lastUserText(messages);
            JsonNode named = namedTool(tools, userText);
            if (named != null) {
                calls.add(new String[]{"call_sim0", named.path("name").asText(),
                        argumentsFromPrompt(named.path("parameters"), userText)});
            } else {
                int count = Math.min(2, tools.size());
                for (int i = 0; i < count; i++) {
                    JsonNode fn = tools.get(i).path("function");
                    calls.add(new String[]{"call_sim" + i, fn.path("name").asText("tool"), arguments(fn.path("parameters"))});
                }
            }
            return new SimAnswer(id, b.model(), List.of(), calls, "tool_calls", promptTokens);
        }
        List<String> words = new ArrayList<>();
        String source;
        if (b.tools() && afterTools) {
            words.add("Tool");
            words.add("result:");
            source = toolResultText(messages);
        } else if (req.path("response_format").path("type").asText().startsWith("json")) {
            // JSON mode (e.g. Gemini CLI's model-routing classifier): one object shaped by the schema
            JsonNode schema = req.path("response_format").path("json_schema").path("schema");
            return new SimAnswer(id, b.model(), List.of(arguments(schema)), List.of(), "stop", promptTokens);
        } else {
            words.add("Echo:");
            source = lastUserText(messages);
        }
        for (String w : source.split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        int max = req.path("max_completion_tokens").asInt(req.path("max_tokens").asInt(Integer.MAX_VALUE));
        String finish = "stop";
        if (words.size() > max) {
            words = words.subList(0, max);
            finish = "length";
        }
        return new SimAnswer(id, b.model(), words, List.of(), finish, promptTokens);
    }

    /**
     * Whether the conversation's last turn carries tool results (OpenAI "tool" message, Anthropic
     * tool_result block, Gemini functionResponse): then the tools model answers in text, so an
     * agent such as Claude Code ends its loop instead of calling tools for ever.
     */
    private static boolean answersToolResults(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return false;
        }
        JsonNode last = messages.get(messages.size() - 1);
        String text = Json.text(last);
        return "tool".equals(last.path("role").asText()) || text.contains("\"tool_result\"")
                || text.contains("functionResponse");
    }

    /**
     * The text of the last turn's tool results, so the answer after a tool call shows what the
     * client's tool returned: the trailing OpenAI "tool" messages, or the last message's Anthropic
     * tool_result blocks (string or text-block content).
     */
    private static String toolResultText(JsonNode messages) {
        StringBuilder sb = new StringBuilder();
        int i = messages.size() - 1;
        while (i >= 0 && "tool".equals(messages.get(i).path("role").asText())) {
            i--;
        }
        for (int j = i + 1; j < messages.size(); j++) {
            sb.append(contentText(messages.get(j).path("content"))).append(' ');
        }
        if (sb.isEmpty() && !messages.isEmpty()) {
            for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    sb.append(contentText(block.path("content"))).append(' ');
                }
            }
        }
        String text = sb.toString().trim();
        return text.isEmpty() ? "(empty)" : text;
    }

    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        content.forEach(p -> sb.append(p.path("text").asText("")).append(' '));
        return sb.toString().trim();
    }

    /** The first offered function whose name is a word of the prompt, or null. */
    private static JsonNode namedTool(JsonNode tools, String prompt) {
        java.util.Set<String> wordsOfPrompt = new java.util.HashSet<>(List.of(prompt.split("[^A-Za-z0-9_]+")));
        for (JsonNode t : tools) {
            JsonNode fn = t.path("function");
            if (wordsOfPrompt.contains(fn.path("name").asText())) {
                return fn;
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern ASSIGNMENT =
            java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");

    /**
     * Arguments for a tool the prompt names: each {@code name=value} of the prompt ({@code "…"} or
     * {@code '…'} for values with spaces) fills that parameter, converted to its schema type; other
     * required parameters get a default (see {@link #valueFor}); optional ones are left out.
     */
    private static String argumentsFromPrompt(JsonNode schema, String prompt) {
        java.util.Map<String, String> given = new java.util.HashMap<>();
        java.util.regex.Matcher m = ASSIGNMENT.matcher(prompt);
        while (m.find()) {
            given.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
        }
        java.util.Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode args = Json.object();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode prop = schema.path("properties").path(name);
            String type = prop.path("type").asText("string");
            String value = given.get(name);
            if (value == null) {
                if (required.contains(name)) {
                    args.set(name, valueFor(prop));
                }
                continue;
            }
            switch (type) {
                case "integer", "number" -> {
                    try {
                        args.put(name, Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        args.put(name, value);
                    }
                }
                case "boolean" -> args.put(name, Boolean.parseBoolean(value));
                case "array", "object" -> {
                    JsonNode parsed = readJson(value);
                    if (parsed != null && (parsed.isArray() || parsed.isObject())) {
                        args.set(name, parsed);
                    } else if (type.equals("array")) {
                        ArrayNode items = args.putArray(name);
                        for (String w : value.split("\\s+")) {
                            items.add(w);
                        }
                    } else {
                        args.put(name, value);
                    }
                }
                default -> args.put(name, value);
            }
        }
        return Json.text(args);
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String lastUserText(JsonNode messages) {
        String text = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode c = m.path("content");
                if (c.isTextual()) {
                    text = c.textValue();
                } else if (c.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    c.forEach(p -> sb.append(p.path("text").asText("")).append(' '));
                    text = sb.toString().trim();
                }
            }
        }
        return text.isEmpty() ? "(nothing)" : text;
    }

    /** Arguments filled from the schema: every property gets {@link #valueFor its default}. */
    private static String arguments(JsonNode schema) {
        ObjectNode args = Json.object();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            args.set(name, valueFor(schema.path("properties").path(name)));
        }
        return Json.text(args);
    }

    /** A value of a schema: its first enum value, else strings "example", numbers 1, booleans true, empty arrays and objects. */
    private static JsonNode valueFor(JsonNode prop) {
        if (prop.path("enum").isArray() && !prop.path("enum").isEmpty()) {
            return prop.path("enum").get(0);
        }
        return switch (prop.path("type").asText("string")) {
            case "integer", "number" -> Json.MAPPER.getNodeFactory().numberNode(1);
            case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(true);
            case "array" -> Json.MAPPER.createArrayNode();
            case "object" -> Json.object();
            default -> Json.MAPPER.getNodeFactory().textNode("example");
        };
    }

    // Accessors for the handlers of the other dialects (SimAnthropic, SimGemini), which shape the same answer.

    String id() {
        return id;
    }

    String model() {
        return model;
    }

    List<String> words() {
        return words;
    }

    /** Each call as {id, name, arguments JSON}. */
    List<String[]> toolCalls() {
        return toolCalls;
    }

    /** The OpenAI finish reason: stop, length or tool_calls. */
    String finishReason() {
        return finishReason;
    }

    long promptTokens() {
        return promptTokens;
    }

    long completionTokens() {
        return toolCalls.isEmpty() ? words.size() : 10L * toolCalls.size();
    }

    private String text() {
        return String.join(" ", words);
    }

    private ObjectNode usage() {
        long completion = toolCalls.isEmpty() ? words.size() : 10L * toolCalls.size();
        ObjectNode u = Json.object().put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion);
        u.putObject("prompt_tokens_details").put("cached_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return u;
    }

    ObjectNode completion() {
        ObjectNode root = base("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (toolCalls.isEmpty()) {
            message.put("content", text());
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (String[] c : toolCalls) {
                ObjectNode call = calls.addObject().put("id", c[0]).put("type", "function");
                call.putObject("function").put("name", c[1]).put("arguments", c[2]);
            }
        }
        choice.put("finish_reason", finishReason);
        root.set("usage", usage());
        return root;
    }

    List<ObjectNode> chunks() {
        List<ObjectNode> out = new ArrayList<>();
        out.add(chunk(Json.object().put("role", "assistant").put("content", ""), null));
        for (int i = 0; i < words.size(); i++) {
            out.add(chunk(Json.object().put("content", (i == 0 ? "" : " ") + words.get(i)), null));
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            String[] c = toolCalls.get(i);
            ObjectNode start = Json.object();
            ObjectNode call = start.putArray("tool_calls").addObject().put("index", i).put("id", c[0])
                    .put("type", "function");
            call.putObject("function").put("name", c[1]).put("arguments", "");
            out.add(chunk(start, null));
            String args = c[2];
            int half = args.length() / 2;
            for (String piece : new String[]{args.substring(0, half), args.substring(half)}) {
                ObjectNode d = Json.object();
                d.putArray("tool_calls").addObject().put("index", i).putObject("function").put("arguments", piece);
                out.add(chunk(d, null));
            }
        }
        out.add(chunk(Json.object(), finishReason));
        return out;
    }

    ObjectNode usageChunk() {
        ObjectNode root = base("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage());
        return root;
    }

    private ObjectNode chunk(ObjectNode delta, String finish) {
        ObjectNode root = base("chat.completion.chunk");
        ObjectNode c = root.putArray("choices").addObject().put("index", 0);
        c.set("delta", delta);
        if (finish == null) {
            c.putNull("finish_reason");
        } else {
            c.put("finish_reason", finish);
        }
        return root;
    }

    private ObjectNode base(String object) {
        return Json.object().put("id", id).put("object", object).put("created", CREATED).put("model", model);
    }
}
