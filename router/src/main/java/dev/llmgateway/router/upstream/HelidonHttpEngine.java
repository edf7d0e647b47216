package dev.llmgateway.router.upstream;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link HttpEngine} on Helidon's blocking web client: the request's virtual thread reads the socket
 * itself, with no hand-off to a selector thread (the JDK client's largest cost per request in the
 * overhead benchmark). Socket reads are bounded by the first-byte timeout; the shorter waits of a
 * body (idle timeout, deadline) are enforced by a shared watchdog that closes a response whose
 * read has waited too long.
 */
public final class HelidonHttpEngine implements HttpEngine {

    private static final Watchdog WATCHDOG = new Watchdog();

    private final WebClient client;

    public HelidonHttpEngine(Duration connectTimeout) {
        this.client = WebClient.builder()
                .shareConnectionCache(false)
                .socketOptions(o -> o.connectTimeout(connectTimeout).tcpNoDelay(true))
                .build();
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Duration firstByte) throws IOException {
        HttpClientRequest req = client.method(Method.create(request.method()))
                .uri(request.uri())
                .followRedirects(false)
                .readTimeout(firstByte);
        for (String[] h : request.headers()) {
            req.header(HeaderValues.create(HeaderNames.create(h[0]), h[1]));
        }
        try {
            HttpClientResponse res = request.method().equals("GET") ? req.request() : req.submit(request.body());
            var headers = res.headers();
            return new UpstreamResponse(res.status().code(), name -> headers.first(HeaderNames.create(name)),
                    new StreamBody(res));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("upstream exchange failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        client.closeResource();
    }

    /** A response body read from the socket on the caller's thread. */
    static final class StreamBody implements BodySource {
        private final HttpClientResponse response;
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile long readDeadline = Long.MAX_VALUE;
        private volatile boolean timedOut;
        private boolean ended;

        StreamBody(HttpClientResponse response) {
            this.response = response;
            this.in = response.inputStream();
        }

        /** The returned buffer is valid until the next read. */
        @Override
        public ByteBuffer read(Duration timeout) throws IOException, TimeoutException {
            if (ended) {
                return null;
            }
            if (closed.get()) {
                throw new IOException("the upstream response was closed");
            }
            readDeadline = System.nanoTime() + timeout.toNanos();
            WATCHDOG.watch(this);
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException | UncheckedIOException e) {
                if (timedOut) {
                    throw new TimeoutException();
                }
                throw e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            } catch (RuntimeException e) {
                if (timedOut) {
                    throw new TimeoutException();
                }
                throw new IOException("upstream read failed: " + e.getClass().getSimpleName(), e);
            } finally {
                readDeadline = Long.MAX_VALUE;
                WATCHDOG.forget(this);
            }
            if (n < 0) {
                ended = true;
                closeQuietly();
                return null;
            }
            return ByteBuffer.wrap(buffer, 0, n);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            if (closed.compareAndSet(false, true)) {
                try {
                    response.close(); // before the end of the entity this drops the connection
                } catch (RuntimeException ignored) {
                    // already broken
                }
            }
        }

        void expireIfLate(long now) {
            if (now - readDeadline > 0) {
                timedOut = true;
                closeQuietly();
            }
        }
    }

    /** One daemon thread for all engines: closes bodies whose current read waited past its limit. */
    private static final class Watchdog {
        private final Set<StreamBody> watched = ConcurrentHashMap.newKeySet();

        Watchdog() {
            Thread.ofPlatform().daemon().name("llmgw-upstream-watchdog").start(this::loop);
        }

        void watch(StreamBody body) {
            watched.add(body);
        }

        void forget(StreamBody body) {
            watched.remove(body);
        }

        private void loop() {
            while (true) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (StreamBody b : watched) {
                    b.expireIfLate(now);
                }
            }
        }
    }
}
