package dev.llmgateway.router.upstream;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response body read on the caller's thread with a timeout per read, so a stalled upstream is
 * noticed (idle timeout) and the deadline holds. Asks the HTTP client for one batch of buffers at a
 * time, so nothing is buffered beyond what the reader has not consumed yet. {@link #close} cancels
 * the exchange (the connection is dropped, which tells the upstream to stop generating).
 */
public final class BodyChannel implements HttpResponse.BodySubscriber<BodyChannel>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> current;
    private boolean ended;

    @Override
    public CompletionStage<BodyChannel> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed.get()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * The next buffer, or {@code null} at the end of the body. Throws {@link TimeoutException} when
     * nothing arrived within {@code timeout} and {@link IOException} when the exchange failed.
     */
    public ByteBuffer read(Duration timeout) throws IOException, TimeoutException {
        while (true) {
            if (current != null && current.hasNext()) {
                ByteBuffer b = current.next();
                if (b.hasRemaining()) {
                    return b;
                }
                continue;
            }
            if (ended) {
                return null;
            }
            Object next;
            try {
                next = queue.poll(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the upstream response", e);
            }
            if (next == null) {
                throw new TimeoutException();
            }
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> buffers = (List<ByteBuffer>) next;
            current = buffers.iterator();
            Flow.Subscription s = subscription;
            if (s != null && !closed.get()) {
                s.request(1);
            }
        }
    }

    /** Reads the whole body, failing when it passes {@code maxBytes}. */
    public byte[] readAll(int maxBytes, TimeoutPolicy timeouts) throws IOException, TimeoutException {
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
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, length + n));
            }
            b.get(out, length, n);
            length += n;
        }
        return java.util.Arrays.copyOf(out, length);
    }

    /** Whether the whole body was read. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && !ended) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** Supplies the wait allowed for the next read (idle timeout capped by the deadline). */
    @FunctionalInterface
    public interface TimeoutPolicy {
        Duration nextWait() throws TimeoutException;
    }
}
