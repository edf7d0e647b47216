package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a Gemini {@code GenerateContentResponse} into the canonical answer, keeping the body. A
 * prompt blocked before generation (no candidates, {@code promptFeedback.blockReason}) becomes one
 * empty choice that finished for CONTENT_FILTER.
 */
final class GeminiResponseDecoder {

    private GeminiResponseDecoder() {
    }

    static ChatResponse decode(ObjectNode json, String upstreamModel, long created) {
        String responseId = json.path("responseId").asText("");
        List<Choice> choices = new ArrayList<>();
        int position = 0;
        for (JsonNode c : json.path("candidates")) {
            int index = c.path("index").asInt(position++);
            List<ContentPart> parts = new ArrayList<>();
            int calls = 0;
            for (JsonNode p : c.path("content").path("parts")) {
                if (p.has("functionCall")) {
                    JsonNode fc = p.get("functionCall");
                    parts.add(new ContentPart.ToolCall(GeminiWire.callId(fc, responseId, calls++),
                            fc.path("name").asText(""), GeminiWire.arguments(fc)));
                } else if (p.path("text").isTextual()) {
                    String text = p.get("text").textValue();
                    parts.add(p.path("thought").asBoolean(false)
                            ? new ContentPart.Thinking(text, Optional.ofNullable(p.path("thoughtSignature").textValue()))
                            : new ContentPart.Text(text));
                } else {
                    parts.add(new ContentPart.Opaque(Dialect.GEMINI, p));
                }
            }
            JsonNode finish = c.path("finishReason");
            choices.add(new Choice(index, new Message(Role.ASSISTANT, parts, Optional.empty()),
                    finish.isTextual() ? Optional.of(GeminiWire.finishReason(finish.textValue(), calls > 0))
                            : Optional.empty()));
        }
        if (choices.isEmpty() && json.path("promptFeedback").path("blockReason").isTextual()) {
            choices.add(new Choice(0, new Message(Role.ASSISTANT, List.of(), Optional.empty()),
                    Optional.of(FinishReason.CONTENT_FILTER)));
        }
        JsonNode usage = json.path("usageMetadata");
        return new ChatResponse(responseId, json.path("modelVersion").asText(upstreamModel), created, choices,
                usage.isObject() ? Optional.of(GeminiWire.usage(usage)) : Optional.empty(),
                Optional.of(new NativeBody(Dialect.GEMINI, json)));
    }
}
