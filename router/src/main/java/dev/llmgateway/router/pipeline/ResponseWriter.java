package dev.llmgateway.router.pipeline;

import java.util.Map;

/**
 * How the pipeline answers, independent of the web server. One per request; used from the
 * request's thread only. Either {@link #json} or {@link #beginStream} is called, once.
 */
public interface ResponseWriter {

    void json(int status, byte[] body, Map<String, String> headers);

    /** Sends status 200 and the SSE headers; the returned writer sends and flushes each write. */
    StreamWriter beginStream(Map<String, String> headers);

    /** Writes to an open stream; throws {@link java.io.UncheckedIOException} when the client is gone. */
    interface StreamWriter {
        void write(byte[] bytes);
    }
}
