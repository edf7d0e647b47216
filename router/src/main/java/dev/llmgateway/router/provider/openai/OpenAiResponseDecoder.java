package dev.llmgateway.router.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decodes an OpenAI {@code chat.completion} body into the canonical answer, keeping the body. */
final class OpenAiResponseDecoder {

    private OpenAiResponseDecoder() {
    }

    static ChatResponse decode(ObjectNode json) {
        List<Choice> choices = new ArrayList<>();
        int position = 0;
        for (JsonNode c : json.path("choices")) {
            JsonNode m = c.path("message");
            List<ContentPart> parts = new ArrayList<>();
            String reasoning = OpenAiWire.reasoning(m);
            if (reasoning != null) {
                parts.add(new ContentPart.Thinking(reasoning, Optional.empty()));
            }
            if (m.path("content").isTextual()) {
                parts.add(new ContentPart.Text(m.path("content").textValue()));
            }
            for (JsonNode tc : m.path("tool_calls")) {
                parts.add(new ContentPart.ToolCall(tc.path("id").asText(""),
                        tc.path("function").path("name").asText(""),
                        tc.path("function").path("arguments").asText("{}")));
            }
            JsonNode finish = c.path("finish_reason");
            choices.add(new Choice(c.path("index").asInt(position++),
                    new Message(Role.ASSISTANT, parts, Optional.empty()),
                    finish.isTextual() ? Optional.of(OpenAiWire.finishReason(finish.textValue())) : Optional.empty()));
        }
        JsonNode usage = json.path("usage");
        return new ChatResponse(json.path("id").asText(""), json.path("model").asText(""),
                json.path("created").asLong(0), choices,
                usage.isObject() ? Optional.of(OpenAiWire.usage(usage)) : Optional.empty(),
                Optional.of(new NativeBody(Dialect.OPENAI_CHAT, json)));
    }
}
