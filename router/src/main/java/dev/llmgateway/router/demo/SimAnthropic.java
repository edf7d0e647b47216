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
 * The simulator's Anthropic Messages face: {@code POST /v1/messages} (JSON or SSE in Anthropic's
 * event shapes) and {@code POST /v1/messages/count_tokens}. The same deterministic answers and
 * model-name behaviours as the OpenAI face ({@link SimAnswer}, {@link SimBehaviour}).
 */
final class SimAnthropic {

    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req;
            try {
                req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                SimHttp.send(ex, 400, error("invalid_request_error", "invalid JSON"));
                return;
            }
            SimBehaviour b = SimBehaviour.forModel(req.path("model").asText(""));
            SimAnswer answer = SimAnswer.build(asChat(req), b);
            if (ex.getRequestURI().getPath().endsWith("/count_tokens")) {
                SimHttp.send(ex, 200, Json.object().put("input_tokens", answer.promptTokens()));
                return;
            }
            long n = counters.computeIfAbsent(b.model(), k -> new AtomicLong()).incrementAndGet();
            SimHttp.sleep(b.firstByteDelayMs());
            int status = b.errorStatus(n);
            if (status != 0) {
                if (status == 429) {
                    ex.getResponseHeaders().add("retry-after", "1");
                }
                String type = switch (status) {
                    case 429 -> "rate_limit_error";
                    case 503, 529 -> "overloaded_error";
                    default -> "api_error";
                };
                SimHttp.send(ex, status, error(type, "simulated error " + status + " for model " + b.model()));
            } else if (req.path("stream").asBoolean(false)) {
                stream(ex, b, answer);
            } else {
                SimHttp.send(ex, 200, message(answer));
            }
        }
    }

    /** The request as the OpenAI-shaped fields {@link SimAnswer#build} reads. */
    private static ObjectNode asChat(JsonNode req) {
        ObjectNode chat = Json.object();
        chat.set("messages", req.path("messages"));
        ArrayNode tools = chat.putArray("tools");
        for (JsonNode t : req.path("tools")) {
            tools.addObject().putObject("function").put("name", t.path("name").asText("tool"))
                    .set("parameters", t.path("input_schema"));
        }
        if ("none".equals(req.path("tool_choice").path("type").asText())) {
            chat.put("tool_choice", "none");
        }
        if (req.has("max_tokens")) {
            chat.set("max_tokens", req.get("max_tokens"));
        }
        return chat;
    }

    private static ObjectNode message(SimAnswer a) {
        ObjectNode root = Json.object().put("id", msgId(a)).put("type", "message").put("role", "assistant")
                .put("model", a.model());
        ArrayNode content = root.putArray("content");
        if (a.toolCalls().isEmpty()) {
            content.addObject().put("type", "text").put("text", String.join(" ", a.words()));
        }
        for (String[] c : a.toolCalls()) {
            ObjectNode call = content.addObject().put("type", "tool_use").put("id", toolId(c[0])).put("name", c[1]);
            call.set("input", parse(c[2]));
        }
        root.put("stop_reason", stopReason(a.finishReason()));
        root.putNull("stop_sequence");
        root.set("usage", usage(a.promptTokens(), a.completionTokens()));
        return root;
    }

    private static List<String[]> events(SimAnswer a) {
        List<String[]> out = new ArrayList<>();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode msg = start.putObject("message").put("id", msgId(a)).put("type", "message").put("role", "assistant")
                .put("model", a.model());
        msg.putArray("content");
        msg.putNull("stop_reason").putNull("stop_sequence");
        msg.set("usage", usage(a.promptTokens(), 1));
        out.add(new String[]{"message_start", Json.text(start)});
        out.add(new String[]{"ping", "{\"type\":\"ping\"}"});
        int index = 0;
        if (a.toolCalls().isEmpty()) {
            out.add(blockStart(index, Json.object().put("type", "text").put("text", "")));
            for (int i = 0; i < a.words().size(); i++) {
                out.add(delta(index, Json.object().put("type", "text_delta").put("text", (i == 0 ? "" : " ") + a.words().get(i))));
            }
            out.add(blockStop(index++));
        }
        for (String[] c : a.toolCalls()) {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", toolId(c[0])).put("name", c[1]);
            block.putObject("input");
            out.add(blockStart(index, block));
            int half = c[2].length() / 2;
            for (String piece : new String[]{c[2].substring(0, half), c[2].substring(half)}) {
                out.add(delta(index, Json.object().put("type", "input_json_delta").put("partial_json", piece)));
            }
            out.add(blockStop(index++));
        }
        ObjectNode end = Json.object().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason(a.finishReason())).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", a.completionTokens());
        out.add(new String[]{"message_delta", Json.text(end)});
        out.add(new String[]{"message_stop", "{\"type\":\"message_stop\"}"});
        return out;
    }

    private void stream(HttpExchange ex, SimBehaviour b, SimAnswer answer) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        List<String[]> events = events(answer);
        for (int i = 0; i < events.size(); i++) {
            if (b.cutAfterChunks() >= 0 && i >= b.cutAfterChunks()) {
                return; // ends the body without message_stop: a broken stream
            }
            out.write(("event: " + events.get(i)[0] + "\ndata: " + events.get(i)[1] + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            SimHttp.sleep(b.chunkDelayMs());
        }
    }

    private static String[] blockStart(int index, ObjectNode block) {
        ObjectNode e = Json.object().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        return new String[]{"content_block_start", Json.text(e)};
    }

    private static String[] delta(int index, ObjectNode delta) {
        ObjectNode e = Json.object().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        return new String[]{"content_block_delta", Json.text(e)};
    }

    private static String[] blockStop(int index) {
        return new String[]{"content_block_stop", Json.text(Json.object().put("type", "content_block_stop")
                .put("index", index))};
    }

    private static String msgId(SimAnswer a) {
        return a.id().replace("chatcmpl-", "msg_");
    }

    private static String toolId(String callId) {
        return callId.replace("call_", "toolu_");
    }

    private static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            default -> "end_turn";
        };
    }

    private static ObjectNode usage(long input, long output) {
        return Json.object().put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", output);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.object();
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

}
