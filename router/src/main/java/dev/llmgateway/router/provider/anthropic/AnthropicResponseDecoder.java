package dev.llmgateway.router.provider.anthropic;

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

/**
 * Decodes an Anthropic {@code message} body into the canonical answer, keeping the body. The
 * Messages API has no creation time, so the caller supplies it.
 */
final class AnthropicResponseDecoder {

    private AnthropicResponseDecoder() {
    }

    static ChatResponse decode(ObjectNode json, long created) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : json.path("content")) {
            parts.add(AnthropicWire.block(block));
        }
        JsonNode stop = json.path("stop_reason");
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()),
                stop.isTextual() ? Optional.of(AnthropicWire.finishReason(stop.textValue())) : Optional.empty());
        JsonNode usage = json.path("usage");
        return new ChatResponse(json.path("id").asText(""), json.path("model").asText(""), created, List.of(choice),
                usage.isObject() ? Optional.of(AnthropicWire.usage(usage)) : Optional.empty(),
                Optional.of(new NativeBody(Dialect.ANTHROPIC_MESSAGES, json)));
    }
}
