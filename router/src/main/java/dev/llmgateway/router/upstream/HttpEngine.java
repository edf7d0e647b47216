package dev.llmgateway.router.upstream;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends upstream requests over pooled keep-alive connections. One per provider; thread-safe.
 * Timeouts surface as {@link java.net.http.HttpTimeoutException} or
 * {@link java.net.SocketTimeoutException}, refused connections as {@link java.net.ConnectException}.
 */
public interface HttpEngine extends AutoCloseable {

    /** Sends the request and returns once the response headers arrived (within {@code firstByte}). */
    UpstreamResponse send(UpstreamRequest request, Duration firstByte) throws IOException;

    @Override
    void close();
}
