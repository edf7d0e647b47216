package dev.llmgateway.router.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's Gemini API: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, answering in Gemini's shapes. The request is read as the
 * equivalent chat request so {@link SimAnswer} decides the words, tool calls and token counts, and
 * {@link SimBehaviour} the failures and pacing, exactly as for the OpenAI dialect.
 */
final class SimGemini {

    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String tail = path.substring(path.indexOf("/models/") + 8);
            int colon = tail.lastIndexOf(':');
            String method = colon < 0 ? "" : tail.substring(colon + 1);
            if (colon <= 0 || !(method.equals("generateContent") || method.equals("streamGenerateContent"))) {
                SimHttp.send(ex, 404, error(404, "NOT_FOUND", "no such method: " + path));
                return;
            }
            JsonNode req;
            try {
                req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                SimHttp.send(ex, 400, error(400, "INVALID_ARGUMENT", "invalid JSON"));
                return;
            }
            SimBehaviour b = SimBehaviour.forModel(tail.substring(0, colon));
            long n = counters.computeIfAbsent(b.model(), k -> new AtomicLong()).incrementAndGet();
            SimHttp.sleep(b.firstByteDelayMs());
            int status = b.errorStatus(n);
            if (status != 0) {
                ObjectNode err = error(status, status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE"
                        : "INTERNAL", "simulated error " + status + " for model " + b.model());
                if (status == 429) {
                    ((ArrayNode) err.path("error").path("details")).addObject()
                            .put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", "1s");
                }
                SimHttp.send(ex, status, err);
                return;
            }
            ObjectNode completion = SimAnswer.build(asChat(req), b).completion();
            if (method.equals("streamGenerateContent")) {
                stream(ex, b, completion);
            } else {
                SimHttp.send(ex, 200, answer(completion, true));
            }
        }
    }

    /** The Gemini request as the chat request {@link SimAnswer} reads. */
    private static JsonNode asChat(JsonNode req) {
        ObjectNode chat = Json.object();
        ArrayNode messages = chat.putArray("messages");
        for (JsonNode c : req.path("contents")) {
            StringBuilder text = new StringBuilder();
            ArrayNode calls = Json.MAPPER.createArrayNode();
            List<String> results = new ArrayList<>();
            for (JsonNode p : c.path("parts")) {
                if (p.path("text").isTextual() && !p.path("thought").asBoolean(false)) {
                    text.append(text.isEmpty() ? "" : "\n").append(p.path("text").textValue());
                } else if (p.has("functionCall")) {
                    ObjectNode call = calls.addObject().put("id", "call_sim" + calls.size()).put("type", "function");
                    call.putObject("function").put("name", p.path("functionCall").path("name").asText())
                            .put("arguments", Json.text(p.path("functionCall").path("args")));
                } else if (p.has("functionResponse")) {
                    JsonNode r = p.path("functionResponse").path("response");
                    results.add(r.path("output").isTextual() ? r.path("output").textValue() : Json.text(r));
                }
            }
            boolean model = "model".equals(c.path("role").asText());
            if (!text.isEmpty() || (calls.isEmpty() && results.isEmpty())) {
                messages.addObject().put("role", model ? "assistant" : "user").put("content", text.toString());
            }
            if (!calls.isEmpty()) {
                ObjectNode m = messages.addObject().put("role", "assistant");
                m.putNull("content");
                m.set("tool_calls", calls);
            }
            for (String r : results) { // tool results: the tools model then answers in text
                messages.addObject().put("role", "tool").put("content", r);
            }
        }
        ArrayNode tools = chat.putArray("tools");
        for (JsonNode t : req.path("tools")) {
            for (JsonNode d : t.path("functionDeclarations")) {
                JsonNode params = d.has("parametersJsonSchema") ? d.get("parametersJsonSchema") : d.path("parameters");
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", d.path("name").asText("tool"));
                fn.set("parameters", params);
            }
        }
        if ("NONE".equals(req.path("toolConfig").path("functionCallingConfig").path("mode").asText())) {
            chat.put("tool_choice", "none");
        }
        JsonNode config = req.path("generationConfig");
        if ("application/json".equals(config.path("responseMimeType").asText())) {
            JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema")
                    : config.path("responseSchema");
            chat.putObject("response_format").put("type", "json_schema").putObject("json_schema").set("schema", schema);
        }
        JsonNode max = req.path("generationConfig").path("maxOutputTokens");
        if (max.isInt()) {
            chat.put("max_tokens", max.intValue());
        }
        return chat;
    }

    /** A chat completion as a GenerateContentResponse; {@code last} adds the finish reason and usage. */
    private static ObjectNode answer(ObjectNode completion, boolean last) {
        ObjectNode root = Json.object();
        JsonNode choice = completion.path("choices").path(0);
        ObjectNode candidate = root.putArray("candidates").addObject();
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        JsonNode message = choice.path("message");
        if (message.path("content").isTextual()) {
            parts.addObject().put("text", message.path("content").textValue());
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode fc = parts.addObject().putObject("functionCall");
            fc.put("name", call.path("function").path("name").asText());
            fc.set("args", readObject(call.path("function").path("arguments").asText("{}")));
        }
        if (last) {
            candidate.put("finishReason", "length".equals(choice.path("finish_reason").asText()) ? "MAX_TOKENS" : "STOP");
            JsonNode u = completion.path("usage");
            root.putObject("usageMetadata").put("promptTokenCount", u.path("prompt_tokens").asLong())
                    .put("candidatesTokenCount", u.path("completion_tokens").asLong())
                    .put("totalTokenCount", u.path("total_tokens").asLong());
        }
        candidate.put("index", 0);
        root.put("modelVersion", completion.path("model").asText());
        root.put("responseId", completion.path("id").asText());
        return root;
    }

    /** One event per word, function calls whole in the last event with the finish reason and usage. */
    private static void stream(HttpExchange ex, SimBehaviour b, ObjectNode completion) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        List<ObjectNode> events = new ArrayList<>();
        JsonNode message = completion.path("choices").path(0).path("message");
        String[] words = message.path("content").asText("").split(" ");
        for (int i = 0; i < words.length && !words[i].isEmpty(); i++) {
            ObjectNode c = completion.deepCopy();
            ((ObjectNode) c.path("choices").path(0).path("message")).put("content", (i == 0 ? "" : " ") + words[i]);
            ((ObjectNode) c.path("choices").path(0).path("message")).remove("tool_calls");
            events.add(answer(c, false));
        }
        ObjectNode last = completion.deepCopy();
        ((ObjectNode) last.path("choices").path(0).path("message")).remove("content");
        events.add(answer(last, true));
        for (int i = 0; i < events.size(); i++) {
            if (b.cutAfterChunks() >= 0 && i >= b.cutAfterChunks()) {
                return; // ends the body before a finish reason: a broken stream
            }
            out.write(("data: " + Json.text(events.get(i)) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            SimHttp.sleep(b.chunkDelayMs());
        }
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            return n != null && n.isObject() ? n : Json.object();
        } catch (IOException e) {
            return Json.object();
        }
    }

    private static ObjectNode error(int code, String status, String message) {
        ObjectNode root = Json.object();
        root.putObject("error").put("code", code).put("message", message).put("status", status).putArray("details");
        return root;
    }

}
