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
        if (b.tools() && tools.isArray() && !tools.isEmpty() && !"none".equals(req.path("tool_choice").asText())
                && !answersToolResults(req.path("messages"))) {
            int count = Math.min(2, tools.size());
            for (int i = 0; i < count; i++) {
                JsonNode fn = tools.get(i).path("function");
                calls.add(new String[]{"call_sim" + i, fn.path("name").asText("tool"), arguments(fn.path("parameters"))});
            }
            return new SimAnswer(id, b.model(), List.of(), calls, "tool_calls", promptTokens);
        }
        List<String> words = new ArrayList<>();
        words.add("Echo:");
        for (String w : lastUserText(req.path("messages")).split("\\s+")) {
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

    /** Arguments filled from the schema: strings "example", numbers 1, booleans true. */
    private static String arguments(JsonNode schema) {
        ObjectNode args = Json.object();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            switch (schema.path("properties").path(name).path("type").asText("string")) {
                case "integer", "number" -> args.put(name, 1);
                case "boolean" -> args.put(name, true);
                case "array" -> args.putArray(name);
                case "object" -> args.putObject(name);
                default -> args.put(name, "example");
            }
        }
        return Json.text(args);
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
