package dev.llmgateway.core.spi;

import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.stream.ChatChunk;

/**
 * Encodes canonical chunks into one client dialect's stream bytes. One instance per stream, not
 * thread-safe; returns an empty array when a chunk has no representation in the dialect.
 */
public interface ChunkEncoder {

    byte[] encode(ChatChunk chunk);

    /** The dialect's clean end of stream, written only when the upstream finished properly. */
    byte[] end();

    /** The dialect's in-stream error event, written instead of {@link #end()} when the stream broke. */
    byte[] error(GatewayException error);
}
