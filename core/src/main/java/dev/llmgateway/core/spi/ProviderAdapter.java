package dev.llmgateway.core.spi;

import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Dialect;

/**
 * One upstream API. Both methods throw {@link ProviderFailure}, which says whether another attempt
 * can help. Implementations are thread-safe and shared by all requests to one provider.
 */
public interface ProviderAdapter {

    Dialect dialect();

    ChatResponse complete(UpstreamCall call);

    /** Opens a stream; returns once the upstream accepted the request (success status received). */
    ChunkStream stream(UpstreamCall call);
}
