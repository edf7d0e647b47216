package dev.llmgateway.core.spi;

import dev.llmgateway.core.stream.ChatChunk;
import java.util.function.Consumer;

/**
 * An open upstream stream, read on the caller's thread. {@link #next} blocks for at most the idle
 * timeout (capped by the deadline) and throws {@link ProviderFailure} when the stream breaks, stalls
 * or ends without the upstream's end marker. {@link #close} may be called from any thread and
 * cancels the upstream call; calling it twice is harmless.
 */
public interface ChunkStream extends AutoCloseable {

    /** Reads and translates the next upstream event; false at the clean end of the stream. */
    boolean next(Consumer<ChatChunk> out);

    @Override
    void close();
}
