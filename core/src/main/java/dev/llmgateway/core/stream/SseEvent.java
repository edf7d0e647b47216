package dev.llmgateway.core.stream;

import java.util.Objects;

/** One server-sent event: its type ({@code "message"} when the stream names none) and data. */
public record SseEvent(String event, String data) {
    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
