package dev.llmgateway.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical request every ingress dialect decodes into and every provider adapter encodes
 * from. {@code model} is what the client asked for (an alias, {@code provider/model} or a bare
 * name); routing resolves it. {@code origin} keeps the client's own body for same-dialect
 * forwarding.
 */
public record ChatRequest(String model, List<Message> messages, List<ToolDefinition> tools,
                          Optional<ToolChoice> toolChoice, Optional<ResponseFormat> responseFormat,
                          SamplingParams sampling, boolean stream, boolean includeUsage,
                          Optional<String> user, Optional<NativeBody> origin) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(sampling, "sampling");
    }

    /** The text of the last user message, or empty. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).plainText();
            }
        }
        return "";
    }
}
