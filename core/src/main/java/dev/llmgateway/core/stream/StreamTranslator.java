package dev.llmgateway.core.stream;

import java.util.function.Consumer;

/**
 * Turns one upstream stream's events into canonical chunks. One instance per stream; keeps the
 * per-stream state (tool-call indexes, usage so far); no I/O and no clock of its own. Not
 * thread-safe.
 */
public interface StreamTranslator {

    /**
     * Translates one event. Throws {@link dev.llmgateway.core.error.UpstreamException} when the
     * event is an upstream error.
     */
    void onEvent(SseEvent event, Consumer<ChatChunk> out);

    /** True once the upstream's own end-of-stream marker was seen. */
    boolean finished();
}
