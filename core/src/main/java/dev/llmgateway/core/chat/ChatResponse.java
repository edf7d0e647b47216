package dev.llmgateway.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The canonical non-streaming answer; {@code origin} keeps the upstream's own body. */
public record ChatResponse(String id, String model, long created, List<Choice> choices,
                           Optional<Usage> usage, Optional<NativeBody> origin) {
    public ChatResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
    }
}
