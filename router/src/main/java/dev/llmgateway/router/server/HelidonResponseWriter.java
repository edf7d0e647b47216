package dev.llmgateway.router.server;

import dev.llmgateway.router.pipeline.ResponseWriter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes pipeline answers to a Helidon response; SSE by hand, flushed after every write. */
final class HelidonResponseWriter implements ResponseWriter {

    private final ServerResponse res;
    private int status;
    private boolean streaming;

    HelidonResponseWriter(ServerResponse res) {
        this.res = res;
    }

    @Override
    public void json(int status, byte[] body, Map<String, String> headers) {
        this.status = status;
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(Status.create(status)).send(body);
    }

    @Override
    public StreamWriter beginStream(Map<String, String> headers) {
        status = 200;
        streaming = true;
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("x-accel-buffering"), "no");
        res.status(Status.OK_200);
        OutputStream out = res.outputStream();
        return bytes -> {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // Helidon reports a closed connection with its own unchecked exceptions.
                throw new UncheckedIOException(new IOException("client connection closed", e));
            }
        };
    }

    /** Ends a started stream; a failure here only means the client left first. */
    void finish() {
        if (streaming) {
            try {
                res.outputStream().close();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing left to tell it
            }
        }
    }

    int status() {
        return status;
    }

    boolean streaming() {
        return streaming;
    }
}
