package dev.llmgateway.router.codec.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.router.codec.Json;
import java.util.Map;
import java.util.Optional;

/**
 * Builders for the Responses API's objects, shared by the JSON answer and the stream: the
 * {@code response} envelope, its output items and usage. Fields that echo the request (tools,
 * temperature, ...) come from the client's body when the encoder has it and are the API's
 * neutral values otherwise.
 */
final class ResponsesObjects {

    private ResponsesObjects() {
    }

    /** The state of an answer, for the envelope. */
    record Outcome(String status, Optional<FinishReason> finish, Optional<Usage> usage,
                   Optional<GatewayException> error) {

        static Outcome inProgress() {
            return new Outcome("in_progress", Optional.empty(), Optional.empty(), Optional.empty());
        }

        static Outcome finished(Optional<FinishReason> finish, Optional<Usage> usage) {
            String status = finish.map(ResponsesObjects::statusOf).orElse("completed");
            return new Outcome(status, finish, usage, Optional.empty());
        }

        static Outcome failed(GatewayException error, Optional<Usage> usage) {
            return new Outcome("failed", Optional.empty(), usage, Optional.of(error));
        }
    }

    static String statusOf(FinishReason reason) {
        return switch (reason) {
            case LENGTH, CONTENT_FILTER -> "incomplete";
            case STOP, TOOL_CALLS, OTHER -> "completed";
        };
    }

    /** A response id for an upstream answer id: kept when it already is one, prefixed otherwise. */
    static String responseId(String upstreamId) {
        if (upstreamId.startsWith("resp_")) {
            return upstreamId;
        }
        String clean = upstreamId.replaceAll("[^A-Za-z0-9]", "");
        return "resp_" + (clean.isEmpty() ? "gateway" : clean);
    }

    /** An output item id: the kind's prefix, the response id's tail and the item's index. */
    static String itemId(String prefix, String responseId, int index) {
        return prefix + "_" + responseId.substring("resp_".length()) + "_" + index;
    }

    static ObjectNode envelope(String id, long createdAt, String model, ArrayNode output, Outcome outcome,
                               Optional<JsonNode> request) {
        ObjectNode r = Json.object();
        r.put("id", id).put("object", "response").put("created_at", createdAt).put("status", outcome.status());
        if (outcome.status().equals("completed")) {
            r.put("completed_at", createdAt);
        } else {
            r.putNull("completed_at");
        }
        outcome.error().ifPresentOrElse(e -> r.putObject("error").put("code", responseErrorCode(e))
                .put("message", e.getMessage()), () -> r.putNull("error"));
        if (outcome.status().equals("incomplete")) {
            r.putObject("incomplete_details").put("reason",
                    outcome.finish().orElse(FinishReason.LENGTH) == FinishReason.CONTENT_FILTER
                            ? "content_filter" : "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        r.put("model", model);
        r.set("output", output);
        echo(r, request.orElse(Json.object()));
        outcome.usage().ifPresentOrElse(u -> r.set("usage", usage(u)), () -> r.putNull("usage"));
        return r;
    }

    /** The request's settings as the API reports them back; the gateway never stores a response. */
    private static void echo(ObjectNode r, JsonNode req) {
        copyOr(r, req, "instructions", null);
        copyOr(r, req, "max_output_tokens", null);
        copyOr(r, req, "parallel_tool_calls", Json.MAPPER.getNodeFactory().booleanNode(true));
        r.putNull("previous_response_id");
        JsonNode reasoning = req.get("reasoning");
        if (reasoning != null && reasoning.isObject()) {
            ObjectNode echo = r.putObject("reasoning");
            copyOr(echo, reasoning, "effort", null);
            copyOr(echo, reasoning, "summary", null);
        } else {
            r.putNull("reasoning");
        }
        r.put("store", false);
        copyOr(r, req, "temperature", null);
        ObjectNode text = r.putObject("text");
        JsonNode format = req.path("text").get("format");
        text.set("format", format != null && format.isObject() ? format : Json.object().put("type", "text"));
        copyOr(r, req, "tool_choice", Json.MAPPER.getNodeFactory().textNode("auto"));
        copyOr(r, req, "tools", Json.MAPPER.createArrayNode());
        copyOr(r, req, "top_p", null);
        copyOr(r, req, "truncation", Json.MAPPER.getNodeFactory().textNode("disabled"));
        copyOr(r, req, "user", null);
        copyOr(r, req, "metadata", Json.object());
    }

    private static void copyOr(ObjectNode into, JsonNode from, String field, JsonNode fallback) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            into.set(field, v);
        } else if (fallback == null) {
            into.putNull(field);
        } else {
            into.set(field, fallback);
        }
    }

    static ObjectNode messageItem(String id, String status, String text) {
        ObjectNode item = Json.object().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(textPart(text));
        }
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A function call; a flattened namespace member is reported under its namespace again. */
    static ObjectNode functionCallItem(String id, String status, String callId, String name, String arguments,
                                       Map<String, ResponsesTools.Namespaced> namespaces) {
        ObjectNode item = Json.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId);
        ResponsesTools.split(name, namespaces).ifPresentOrElse(
                n -> item.put("namespace", n.namespace()).put("name", n.name()),
                () -> item.put("name", name));
        return item;
    }

    /** A call of a custom (freeform) tool: the input is the string argument of the function it became. */
    static ObjectNode customToolCallItem(String id, String status, String callId, String name, String input,
                                         Map<String, ResponsesTools.Namespaced> namespaces) {
        ObjectNode item = Json.object().put("id", id).put("type", "custom_tool_call").put("status", status)
                .put("call_id", callId);
        ResponsesTools.split(name, namespaces).ifPresentOrElse(
                n -> item.put("namespace", n.namespace()).put("name", n.name()),
                () -> item.put("name", name));
        return item.put("input", input);
    }

    /** Thinking as a reasoning item: the text as its summary, a provider signature as encrypted content. */
    static ObjectNode reasoningItem(String id, String status, String text, Optional<String> signature) {
        ObjectNode item = Json.object().put("id", id).put("type", "reasoning").put("status", status);
        ArrayNode summary = item.putArray("summary");
        if (text != null) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        signature.ifPresent(s -> item.put("encrypted_content", s));
        return item;
    }

    static ObjectNode usage(Usage u) {
        ObjectNode n = Json.object();
        n.put("input_tokens", u.inputTokens());
        n.putObject("input_tokens_details").put("cached_tokens", u.cacheReadTokens())
                .put("cache_write_tokens", u.cacheWriteTokens());
        n.put("output_tokens", u.outputTokens());
        n.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        n.put("total_tokens", u.totalTokens());
        return n;
    }

    /** The Response object's own error codes are a closed list; the detailed code goes in the error event. */
    static String responseErrorCode(GatewayException e) {
        return e.category() == ErrorCategory.RATE_LIMITED ? "rate_limit_exceeded"
                : e.category() == ErrorCategory.INVALID_REQUEST ? "invalid_prompt" : "server_error";
    }
}
