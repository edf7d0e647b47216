package dev.llmgateway.router.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/**
 * An upstream response body read on the caller's thread with a limit per read, so a stalled
 * upstream is noticed (idle timeout) and the request's deadline holds. {@link #close} may be called
 * from any thread; before the end of the body it drops the connection, which tells the upstream to
 * stop generating.
 */
public interface BodySource extends AutoCloseable {

    /**
     * The next bytes, or {@code null} at the end of the body. Throws {@link TimeoutException} when
     * nothing arrived within {@code timeout} and {@link IOException} when the exchange failed.
     */
    ByteBuffer read(Duration timeout) throws IOException, TimeoutException;

    /** Whether the whole body was read. */
    boolean ended();

    @Override
    void close();

    /** Reads the whole body, failing when it passes {@code maxBytes}. */
    default byte[] readAll(int maxBytes, TimeoutPolicy timeouts) throws IOException, TimeoutException {
        byte[] out = new byte[8192];
        int length = 0;
        ByteBuffer b;
        while ((b = read(timeouts.nextWait())) != null) {
            int n = b.remaining();
            if (length + n > maxBytes) {
                close();
                throw new IOException("upstream response larger than " + maxBytes + " bytes");
            }
            if (length + n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
            }
            b.get(out, length, n);
            length += n;
        }
        return Arrays.copyOf(out, length);
    }

    /** Supplies the wait allowed for the next read (idle timeout capped by the deadline). */
    @FunctionalInterface
    interface TimeoutPolicy {
        Duration nextWait() throws TimeoutException;
    }
}
