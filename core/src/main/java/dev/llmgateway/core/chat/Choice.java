package dev.llmgateway.core.chat;

import java.util.Objects;
import java.util.Optional;

/** One of the {@code n} answers. */
public record Choice(int index, Message message, Optional<FinishReason> finishReason) {
    public Choice {
        Objects.requireNonNull(message, "message");
    }
}
