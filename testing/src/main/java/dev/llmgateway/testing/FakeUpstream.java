package dev.llmgateway.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable OpenAI-compatible upstream on a real loopback socket, written on raw sockets so it
 * can misbehave the way real upstreams do: delays before the first byte, streams cut off with a TCP
 * reset, stalled streams, hangs. Replies are taken from a queue in order; when it is empty every
 * request gets a plain chat completion (or stream, when the request asks for one). Records every
 * request and notices when a client goes away in the middle of a stream.
 */
public final class FakeUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private volatile boolean closed;

    private FakeUpstream(ServerSocket server) {
        this.server = server;
    }

    public static FakeUpstream start() {
        try {
            FakeUpstream f = new FakeUpstream(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()));
            Thread.ofPlatform().daemon().name("fake-upstream-accept").start(f::acceptLoop);
            return f;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    /** The base URI an OpenAI client would use, ending in {@code /v1}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
    }

    public int port() {
        return server.getLocalPort();
    }

    public FakeUpstream enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the fake upstream received no request");
        }
        return all.get(all.size() - 1);
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    /** Waits until a stream's write failed because the client closed the connection. */
    public boolean awaitClientGone(Duration timeout) throws InterruptedException {
        return clientGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fake upstream accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                RecordedRequest req = readRequest(in);
                if (req == null) {
                    return;
                }
                requests.add(req);
                Reply reply = script.poll();
                if (reply == null) {
                    reply = req.body().contains("\"stream\":true") ? Reply.stream("Hello", "from", "fake")
                            : Reply.chat("Hello from fake");
                }
                if (!answer(socket, in, out, reply)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client closed the connection; nothing to do
        }
    }

    /** Answers one request; false when the connection must not be reused. */
    private boolean answer(Socket socket, InputStream in, OutputStream out, Reply reply) throws IOException {
        switch (reply) {
            case Reply.Body b -> {
                sleep(b.delay());
                byte[] body = b.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder("HTTP/1.1 " + b.status() + " " + reason(b.status()) + "\r\n");
                b.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return true;
            }
            case Reply.Stream s -> {
                return stream(socket, in, out, s);
            }
            case Reply.Hang h -> {
                sleep(Duration.ofMinutes(5));
                return false;
            }
            case Reply.Reset r -> {
                reset(socket);
                return false;
            }
        }
    }

    private boolean stream(Socket socket, InputStream in, OutputStream out, Reply.Stream s) throws IOException {
        sleep(s.firstByteDelay());
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try {
            for (int i = 0; i < s.data().size(); i++) {
                if (i > 0) {
                    sleep(s.gap());
                }
                String item = s.data().get(i);
                // an item that starts with "event: " is a whole event (Anthropic's named events), sent as is
                chunk(out, item.startsWith("event: ") ? item + "\n\n" : "data: " + item + "\n\n");
            }
            switch (s.end()) {
                case DONE -> {
                    chunk(out, "data: [DONE]\n\n");
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return true;
                }
                case CUT -> {
                    // let the client read what was sent: a reset can overtake unread bytes
                    sleep(s.gap());
                    reset(socket);
                    return false;
                }
                case STALL -> {
                    // send nothing more; notice when the client gives up (its close reads as end of input)
                    socket.setSoTimeout(100);
                    for (int i = 0; i < 600 && !closed; i++) {
                        try {
                            if (in.read() == -1) {
                                clientGone.countDown();
                                return false;
                            }
                        } catch (java.net.SocketTimeoutException stillThere) {
                            // the client is still waiting
                        }
                    }
                    return false;
                }
            }
        } catch (SocketException e) {
            clientGone.countDown();
            return false;
        } catch (IOException e) {
            clientGone.countDown();
            return false;
        }
        return false;
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new HashMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new RecordedRequest(parts[0], parts.length > 1 ? parts[1] : "/", Map.copyOf(headers),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        long end = System.nanoTime() + d.toNanos();
        while (!closed && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
