package dev.llmgateway.router.codec.responses;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes and validates a Responses API request ({@code POST /v1/responses}). Every top-level
 * parameter is either translated, ignored by a documented rule (hints that do not change the
 * answer), or refused with a 400 (features that need OpenAI's server-side state or tools); an
 * unknown parameter is a 400, as OpenAI answers it. See docs/translation-responses.md.
 */
final class ResponsesRequestDecoder {

    /** Parameters that are hints or need state the gateway does not keep, and change no answer. */
    private static final Set<String> IGNORED = Set.of("store", "include", "parallel_tool_calls",
            "prompt_cache_key", "prompt_cache_retention", "service_tier", "truncation", "client_metadata",
            "metadata", "stream_options", "max_tool_calls");

    private static final Set<String> TRANSLATED = Set.of("model", "input", "instructions", "tools",
            "tool_choice", "text", "max_output_tokens", "temperature", "top_p", "reasoning", "stream", "user",
            "safety_identifier", "top_logprobs", "background", "previous_response_id", "conversation", "prompt");

    private ResponsesRequestDecoder() {
    }

    static ChatRequest decode(byte[] body) {
        ObjectNode json = Json.parseObject(body);
        checkParameters(json);
        String model = Fields.requiredString(json, "model", "model");
        refuseServerState(json);
        List<Message> messages = new ArrayList<>();
        Fields.string(json, "instructions", "instructions").filter(s -> !s.isEmpty())
                .ifPresent(s -> messages.add(Message.text(Role.SYSTEM, s)));
        messages.addAll(ResponsesInput.decode(json.get("input")));
        ResponsesTools.Decoded tools = ResponsesTools.decode(json);
        Optional<String> user = Fields.string(json, "user", "user");
        Optional<String> safetyId = Fields.string(json, "safety_identifier", "safety_identifier");
        return new ChatRequest(model, messages, tools.tools(), ResponsesTools.choice(json.get("tool_choice"), tools),
                format(json.get("text")), sampling(json), Fields.bool(json, "stream", "stream", false), false,
                user.isPresent() ? user : safetyId, Optional.of(new NativeBody(Dialect.OPENAI_RESPONSES, json)));
    }

    private static void checkParameters(ObjectNode json) {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TRANSLATED.contains(name) && !IGNORED.contains(name)) {
                throw new InvalidRequestException("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
            }
        }
        checkType(json, "metadata", JsonNode::isObject, "must be an object");
        checkType(json, "include", JsonNode::isArray, "must be a list of strings");
        checkType(json, "stream_options", JsonNode::isObject, "must be an object");
        Fields.bool(json, "store", "store", false);
        Fields.bool(json, "parallel_tool_calls", "parallel_tool_calls", true);
        Fields.string(json, "truncation", "truncation").filter(t -> !t.equals("auto") && !t.equals("disabled"))
                .ifPresent(t -> {
                    throw invalid("truncation", "must be auto or disabled");
                });
    }

    private static void checkType(ObjectNode json, String field, java.util.function.Predicate<JsonNode> ok,
                                  String why) {
        JsonNode n = json.get(field);
        if (!absent(n) && !ok.test(n)) {
            throw invalid(field, why);
        }
    }

    /** Parameters that only OpenAI's servers can honour: a clear 400 rather than a different answer. */
    private static void refuseServerState(ObjectNode json) {
        if (!absent(json.get("previous_response_id"))) {
            throw new InvalidRequestException("'previous_response_id' is not supported: this gateway does not "
                    + "store responses. Send the whole conversation in 'input' (as with store: false).",
                    "previous_response_id", "unsupported_parameter");
        }
        if (!absent(json.get("conversation"))) {
            throw new InvalidRequestException("'conversation' is not supported: this gateway does not store "
                    + "conversations. Send the whole conversation in 'input'.", "conversation",
                    "unsupported_parameter");
        }
        if (Fields.bool(json, "background", "background", false)) {
            throw new InvalidRequestException("'background' responses are not supported: this gateway does not "
                    + "store responses. Use stream: true for long answers.", "background", "unsupported_parameter");
        }
        if (!absent(json.get("prompt"))) {
            throw new InvalidRequestException("'prompt' templates are not supported: they are stored on OpenAI's "
                    + "servers. Send the instructions and input themselves.", "prompt", "unsupported_parameter");
        }
        OptionalInt topLogprobs = Fields.integer(json, "top_logprobs", "top_logprobs", 0, 20);
        if (topLogprobs.isPresent() && topLogprobs.getAsInt() > 0) {
            throw new InvalidRequestException("'top_logprobs' is not supported by this gateway.", "top_logprobs",
                    "unsupported_parameter");
        }
    }

    private static SamplingParams sampling(ObjectNode json) {
        Optional<String> effort = Optional.empty();
        JsonNode reasoning = json.get("reasoning");
        if (!absent(reasoning)) {
            if (!reasoning.isObject()) {
                throw invalid("reasoning", "must be an object");
            }
            effort = Fields.string(reasoning, "effort", "reasoning.effort");
            // reasoning.summary / generate_summary: thinking is always streamed back as a summary
            Fields.string(reasoning, "summary", "reasoning.summary");
        }
        return new SamplingParams(
                Fields.integer(json, "max_output_tokens", "max_output_tokens", 1, Integer.MAX_VALUE),
                Fields.number(json, "temperature", "temperature", 0, 2),
                Fields.number(json, "top_p", "top_p", 0, 1),
                OptionalInt.empty(), List.of(), OptionalLong.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), effort);
    }

    /** {@code text.format}; {@code text.verbosity} is dropped (no upstream-neutral equivalent). */
    private static Optional<ResponseFormat> format(JsonNode text) {
        if (absent(text)) {
            return Optional.empty();
        }
        if (!text.isObject()) {
            throw invalid("text", "must be an object");
        }
        JsonNode format = text.get("format");
        if (absent(format)) {
            return Optional.empty();
        }
        if (!format.isObject()) {
            throw invalid("text.format", "must be an object");
        }
        String type = Fields.requiredString(format, "type", "text.format.type");
        return Optional.of(switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                String name = Fields.requiredString(format, "name", "text.format.name");
                JsonNode schema = format.get("schema");
                if (absent(schema) || !schema.isObject()) {
                    throw invalid("text.format.schema", "is required and must be a JSON Schema object");
                }
                yield new ResponseFormat.JsonSchema(name, schema, absent(format.get("strict")) ? Optional.empty()
                        : Optional.of(Fields.bool(format, "strict", "text.format.strict", false)));
            }
            default -> throw invalid("text.format.type", "must be text, json_object or json_schema");
        });
    }
}
