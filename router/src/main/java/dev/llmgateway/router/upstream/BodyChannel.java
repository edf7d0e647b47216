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
 * The JDK client's side of {@link BodySource}: a body subscriber that asks for one batch of
 * buffers at a time, so nothing is buffered beyond what the reader has not consumed yet.
 * {@link #close} cancels the exchange (the connection is dropped).
 */
public final class BodyChannel implements HttpResponse.BodySubscriber<BodyChannel>, BodySource {

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
    @Override
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

    @Override
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
}
