package dev.llmgateway.router.provider;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ChunkStream;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseReader;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.upstream.BodySource;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An upstream SSE stream: the shared {@link SseReader} feeding a provider's
 * {@link StreamTranslator}, read on the caller's thread with the idle timeout capped by the
 * deadline. A stream that ends without the provider's end marker is a failure, never a clean end.
 */
public final class SseChunkStream implements ChunkStream {

    private static final Duration DRAIN_WAIT = Duration.ofMillis(200);

    private final BodySource body;
    private final StreamTranslator translator;
    private final String provider;
    private final BodySource.TimeoutPolicy waits;
    private final SseReader reader = new SseReader();

    public SseChunkStream(BodySource body, StreamTranslator translator, String provider, UpstreamCall call) {
        this.body = body;
        this.translator = translator;
        this.provider = provider;
        this.waits = UpstreamTransport.waits(call);
    }

    @Override
    public boolean next(Consumer<ChatChunk> out) {
        if (translator.finished()) {
            drain();
            return false;
        }
        ByteBuffer buffer;
        try {
            buffer = body.read(waits.nextWait());
        } catch (TimeoutException e) {
            close();
            throw UpstreamErrors.failure(ErrorCategory.TIMEOUT, "Upstream provider '" + provider
                    + "' stopped sending in the middle of the answer.", "upstream_stream_timeout");
        } catch (IOException e) {
            close();
            throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider
                    + "' broke the stream off in the middle of the answer.", "upstream_stream_broken");
        }
        if (buffer == null) {
            if (!translator.finished()) {
                throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider
                        + "' ended the stream without finishing the answer.", "upstream_stream_truncated");
            }
            return false;
        }
        try {
            reader.feed(buffer, event -> translator.onEvent(event, out));
        } catch (UpstreamException e) {
            close();
            throw new ProviderFailure(e, true, null, 200);
        }
        return true;
    }

    /** After the end marker, read the (normally empty) rest so the connection can be reused. */
    private void drain() {
        try {
            while (!body.ended() && body.read(DRAIN_WAIT) != null) {
                // discard anything after the end marker
            }
        } catch (IOException | TimeoutException e) {
            // the answer is complete; a slow or broken close only costs the connection
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        body.close();
    }
}
