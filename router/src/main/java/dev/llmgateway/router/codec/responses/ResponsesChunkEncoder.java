package dev.llmgateway.router.codec.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes canonical chunks as the Responses API's stream: {@code event: <type>} plus
 * {@code data: <json>} with a running {@code sequence_number}. Text becomes a message item,
 * thinking a reasoning item with a summary, each tool call a function_call item with its own
 * output index (so interleaved argument deltas of parallel calls stay apart). An item is closed
 * when an item of another kind starts or the answer finishes; {@code response.completed} (or
 * {@code response.incomplete}) with the whole response and usage is written at the end, because
 * OpenAI-style upstreams report usage after the finish reason. Only choice 0 is encoded (the
 * Responses API has no {@code n}). Upstream-native events are ignored: no upstream speaks this
 * dialect. One per stream; not thread-safe.
 */
final class ResponsesChunkEncoder implements ChunkEncoder {

    private static final byte[] EMPTY = new byte[0];

    private final Optional<JsonNode> request;
    private final Map<String, ResponsesTools.Namespaced> namespaces;
    /** Names of the request's custom tools: their calls become custom_tool_call items. */
    private final java.util.Set<String> customTools;
    private final long createdAt;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Every output item so far, by output index; replaced by its final form when it is done. */
    private final List<ObjectNode> items = new ArrayList<>();
    /** Open function calls by the canonical tool-call index. */
    private final Map<Integer, Call> calls = new LinkedHashMap<>();

    private String id = "resp_gateway";
    private String model;
    private int sequence;
    private boolean started;
    private Part text;
    private Part reasoning;
    private Optional<FinishReason> finish = Optional.empty();
    private Optional<Usage> usage = Optional.empty();

    /** An open message or reasoning item. */
    private static final class Part {
        final int index;
        final String itemId;
        final StringBuilder text = new StringBuilder();
        Optional<String> signature = Optional.empty();

        Part(int index, String itemId) {
            this.index = index;
            this.itemId = itemId;
        }
    }

    /** An open function call. */
    private record Call(int index, String itemId, String callId, String name, StringBuilder arguments) {
    }

    ResponsesChunkEncoder(ChatRequest request, long createdAt) {
        this.request = request.origin().map(o -> (JsonNode) o.json());
        this.namespaces = request.origin().map(o -> ResponsesTools.namespaces(o.json())).orElse(Map.of());
        this.customTools = request.origin().map(o -> ResponsesTools.customTools(o.json()))
                .orElse(java.util.Set.of());
        this.model = request.model();
        this.createdAt = createdAt;
    }

    @Override
    public byte[] encode(ChatChunk chunk) {
        switch (chunk) {
            case ChatChunk.Start s -> start(s);
            case ChatChunk.TextDelta t when t.choice() == 0 -> text(t.text());
            case ChatChunk.ThinkingDelta t when t.choice() == 0 -> thinking(t.text());
            case ChatChunk.ThinkingSignature s when s.choice() == 0 -> signature(s.signature());
            case ChatChunk.ToolCallStart s when s.choice() == 0 -> callStart(s);
            case ChatChunk.ToolCallDelta d when d.choice() == 0 -> callDelta(d);
            case ChatChunk.Finish f when f.choice() == 0 -> {
                finish = Optional.of(f.reason());
                closeAll(ResponsesObjects.statusOf(f.reason()).equals("incomplete") ? "incomplete" : "completed");
            }
            case ChatChunk.UsageReport u -> usage = Optional.of(u.usage());
            default -> {
                // other choices and upstream-native events have no place in this dialect
            }
        }
        return drain();
    }

    @Override
    public byte[] end() {
        ensureStarted();
        boolean incomplete = finish.map(f -> ResponsesObjects.statusOf(f).equals("incomplete")).orElse(false);
        closeAll(incomplete ? "incomplete" : "completed");
        ResponsesObjects.Outcome outcome = ResponsesObjects.Outcome.finished(finish, usage);
        emit(incomplete ? "response.incomplete" : "response.completed", responseEvent(outcome));
        return drain();
    }

    /**
     * A broken stream: an {@code error} event with the gateway's message and code, then
     * {@code response.failed} with what was produced so far (open items marked incomplete), so
     * clients that only watch the response lifecycle (Codex) see the failure too.
     */
    @Override
    public byte[] error(GatewayException error) {
        ensureStarted();
        ObjectNode e = Json.object();
        error.code().ifPresentOrElse(c -> e.put("code", c), () -> e.putNull("code"));
        e.put("message", error.getMessage());
        error.param().ifPresentOrElse(p -> e.put("param", p), () -> e.putNull("param"));
        emit("error", e);
        markOpenItems("incomplete");
        emit("response.failed", responseEvent(ResponsesObjects.Outcome.failed(error, usage)));
        return drain();
    }

    private void start(ChatChunk.Start s) {
        if (started) {
            return;
        }
        id = ResponsesObjects.responseId(s.id());
        if (s.model() != null && !s.model().isEmpty()) {
            model = s.model();
        }
        ensureStarted();
    }

    private void ensureStarted() {
        if (started) {
            return;
        }
        started = true;
        emit("response.created", responseEvent(ResponsesObjects.Outcome.inProgress()));
        emit("response.in_progress", responseEvent(ResponsesObjects.Outcome.inProgress()));
    }

    private void text(String delta) {
        ensureStarted();
        if (delta.isEmpty()) {
            return; // an empty piece would open an item with nothing in it
        }
        if (text == null) {
            closeReasoning("completed");
            closeCalls("completed");
            text = new Part(items.size(), ResponsesObjects.itemId("msg", id, items.size()));
            addItem(ResponsesObjects.messageItem(text.itemId, "in_progress", null));
            emit("response.content_part.added", partEvent(text).set("part", ResponsesObjects.textPart("")));
        }
        text.text.append(delta);
        emit("response.output_text.delta", partEvent(text).put("delta", delta).set("logprobs", emptyArray()));
    }

    private void thinking(String delta) {
        ensureStarted();
        if (delta.isEmpty()) {
            return;
        }
        openReasoning();
        reasoning.text.append(delta);
        emit("response.reasoning_summary_text.delta", summaryEvent(reasoning).put("delta", delta));
    }

    private void signature(String signature) {
        ensureStarted();
        openReasoning();
        reasoning.signature = Optional.of(signature);
    }

    private void openReasoning() {
        if (reasoning != null) {
            return;
        }
        closeText("completed");
        closeCalls("completed");
        reasoning = new Part(items.size(), ResponsesObjects.itemId("rs", id, items.size()));
        addItem(ResponsesObjects.reasoningItem(reasoning.itemId, "in_progress", null, Optional.empty()));
        emit("response.reasoning_summary_part.added", summaryEvent(reasoning).set("part", summaryPart("")));
    }

    private void callStart(ChatChunk.ToolCallStart s) {
        ensureStarted();
        closeText("completed");
        closeReasoning("completed");
        Call call = new Call(items.size(), ResponsesObjects.itemId(customTools.contains(s.name()) ? "ctc" : "fc", id,
                items.size()), s.id(), s.name(), new StringBuilder());
        calls.put(s.index(), call);
        addItem(callItem(call, "in_progress"));
    }

    private void callDelta(ChatChunk.ToolCallDelta d) {
        Call call = calls.get(d.index());
        if (call == null || d.arguments().isEmpty()) {
            return; // a fragment for a call that never started (or already ended) has no item to go to
        }
        call.arguments().append(d.arguments());
        if (customTools.contains(call.name())) {
            return; // the freeform input is inside the JSON arguments: sent whole when the call is done
        }
        emit("response.function_call_arguments.delta", Json.object().put("item_id", call.itemId())
                .put("output_index", call.index()).put("delta", d.arguments()));
    }

    private void closeAll(String status) {
        closeText(status);
        closeReasoning(status);
        closeCalls(status);
    }

    private void closeText(String status) {
        if (text == null) {
            return;
        }
        Part t = text;
        text = null;
        String full = t.text.toString();
        emit("response.output_text.done", partEvent(t).put("text", full).set("logprobs", emptyArray()));
        emit("response.content_part.done", partEvent(t).set("part", ResponsesObjects.textPart(full)));
        doneItem(t.index, ResponsesObjects.messageItem(t.itemId, status, full));
    }

    private void closeReasoning(String status) {
        if (reasoning == null) {
            return;
        }
        Part r = reasoning;
        reasoning = null;
        String full = r.text.toString();
        emit("response.reasoning_summary_text.done", summaryEvent(r).put("text", full));
        emit("response.reasoning_summary_part.done", summaryEvent(r).set("part", summaryPart(full)));
        doneItem(r.index, ResponsesObjects.reasoningItem(r.itemId, status, full, r.signature));
    }

    private void closeCalls(String status) {
        for (Call call : calls.values()) {
            ObjectNode done = callItem(call, status);
            if (customTools.contains(call.name())) {
                String input = done.path("input").asText();
                emit("response.custom_tool_call_input.delta", Json.object().put("item_id", call.itemId())
                        .put("output_index", call.index()).put("delta", input));
                emit("response.custom_tool_call_input.done", Json.object().put("item_id", call.itemId())
                        .put("output_index", call.index()).put("input", input));
                doneItem(call.index(), done);
                continue;
            }
            emit("response.function_call_arguments.done", Json.object().put("item_id", call.itemId())
                    .put("output_index", call.index()).put("name", done.path("name").asText())
                    .put("arguments", call.arguments().toString()));
            doneItem(call.index(), done);
        }
        calls.clear();
    }

    /** For a failed response: open items appear in its output with {@code status}, without done events. */
    private void markOpenItems(String status) {
        if (text != null) {
            items.set(text.index, ResponsesObjects.messageItem(text.itemId, status, text.text.toString()));
        }
        if (reasoning != null) {
            items.set(reasoning.index, ResponsesObjects.reasoningItem(reasoning.itemId, status,
                    reasoning.text.toString(), reasoning.signature));
        }
        calls.values().forEach(c -> items.set(c.index(), callItem(c, status)));
        text = null;
        reasoning = null;
        calls.clear();
    }

    private ObjectNode callItem(Call call, String status) {
        if (customTools.contains(call.name())) {
            String args = call.arguments().toString();
            return ResponsesObjects.customToolCallItem(call.itemId(), status, call.callId(), call.name(),
                    ResponsesTools.customInput(args), namespaces);
        }
        return ResponsesObjects.functionCallItem(call.itemId(), status, call.callId(), call.name(),
                call.arguments().toString(), namespaces);
    }

    private void addItem(ObjectNode item) {
        items.add(item);
        emit("response.output_item.added", Json.object().put("output_index", items.size() - 1)
                .set("item", item.deepCopy()));
    }

    private void doneItem(int index, ObjectNode item) {
        items.set(index, item);
        emit("response.output_item.done", Json.object().put("output_index", index).set("item", item.deepCopy()));
    }

    private ObjectNode partEvent(Part p) {
        return Json.object().put("item_id", p.itemId).put("output_index", p.index).put("content_index", 0);
    }

    private ObjectNode summaryEvent(Part p) {
        return Json.object().put("item_id", p.itemId).put("output_index", p.index).put("summary_index", 0);
    }

    private static ObjectNode summaryPart(String text) {
        return Json.object().put("type", "summary_text").put("text", text);
    }

    private static ArrayNode emptyArray() {
        return Json.MAPPER.createArrayNode();
    }

    private ObjectNode responseEvent(ResponsesObjects.Outcome outcome) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        if (!outcome.status().equals("in_progress")) {
            items.forEach(i -> output.add(i.deepCopy()));
        }
        return Json.object().set("response",
                ResponsesObjects.envelope(id, createdAt, model, output, outcome, request));
    }

    /** Writes one event; {@code type} and {@code sequence_number} lead the payload, as OpenAI sends them. */
    private void emit(String type, ObjectNode payload) {
        ObjectNode event = Json.object().put("type", type);
        event.setAll(payload);
        event.put("sequence_number", sequence++);
        out.writeBytes(("event: " + type + "\ndata: " + Json.text(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private byte[] drain() {
        if (out.size() == 0) {
            return EMPTY;
        }
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }
}
