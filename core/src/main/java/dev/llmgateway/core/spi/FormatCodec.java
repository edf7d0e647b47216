package dev.llmgateway.core.spi;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.error.GatewayException;

/** One client-facing dialect: decodes its requests, encodes answers, errors and streams. Stateless. */
public interface FormatCodec {

    Dialect dialect();

    /**
     * Decodes a request body with what the endpoint's path said; throws
     * {@link dev.llmgateway.core.error.InvalidRequestException}.
     */
    ChatRequest decode(byte[] body, DecodeContext context);

    /** Decodes a body whose endpoint says nothing beyond the dialect. */
    default ChatRequest decode(byte[] body) {
        return decode(body, DecodeContext.none());
    }

    byte[] encodeResponse(ChatResponse response);

    /** The dialect's error body for {@code error}; the status is {@code error.status()}. */
    byte[] encodeError(GatewayException error);

    /** The SSE content type and encoder for one stream. */
    ChunkEncoder newChunkEncoder(ChatRequest request);
}
