package dev.llmgateway.router.server;

import dev.llmgateway.core.error.PayloadTooLargeException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Reads a request body up to the configured limit; a larger body is a 413, decided early when it can be. */
final class BodyReader {

    private BodyReader() {
    }

    static byte[] read(ServerRequest req, long maxBytes) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        int initial = (int) Math.min(declared >= 0 ? declared : 8192, maxBytes);
        byte[] buf = new byte[Math.max(initial, 16)];
        int length = 0;
        try (InputStream in = req.content().inputStream()) {
            int n;
            while ((n = in.read(buf, length, buf.length - length)) != -1) {
                length += n;
                if (length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return length == buf.length ? buf : Arrays.copyOf(buf, length);
    }

    private static PayloadTooLargeException tooLarge(long maxBytes) {
        return new PayloadTooLargeException("The request body is larger than this gateway accepts ("
                + maxBytes + " bytes; see router.server.max-body-size).", null, "request_too_large");
    }
}
