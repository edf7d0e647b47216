package dev.llmgateway.router.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's built-in upstream: an OpenAI-compatible server on 127.0.0.1 with deterministic answers,
 * paced streaming, tool calls and usage numbers. Behaviour is chosen by the model name (see
 * {@link SimBehaviour}). No network beyond loopback, no keys.
 */
public final class Simulator implements AutoCloseable {

    public static final List<String> MODELS = List.of("echo", "fast", "tools", "slow", "flaky", "cut",
            "error-429", "error-500", "error-503");

    private final HttpServer server;
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private Simulator(HttpServer server) {
        this.server = server;
    }

    public static Simulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Simulator sim = new Simulator(server);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", sim::chat);
        server.createContext("/v1/messages", new SimAnthropic()::handle);
        server.createContext("/v1beta/models/", new SimGemini()::handle);
        server.start();
        return sim;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private void chat(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req;
            try {
                req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                SimHttp.send(ex, 400, error("invalid JSON", "invalid_request_error"));
                return;
            }
            SimBehaviour b = SimBehaviour.forModel(req.path("model").asText(""));
            long n = counters.computeIfAbsent(b.model(), k -> new AtomicLong()).incrementAndGet();
            SimHttp.sleep(b.firstByteDelayMs());
            int status = b.errorStatus(n);
            // an account whose key says "flaky" fails every third request: failover can be watched
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            if (status == 0 && auth.contains("flaky")
                    && counters.computeIfAbsent("key:" + auth, k -> new AtomicLong()).incrementAndGet() % 3 == 0) {
                status = 503;
            }
            if (status != 0) {
                if (status == 429) {
                    ex.getResponseHeaders().add("retry-after", "1");
                }
                SimHttp.send(ex, status, error("simulated error " + status + " for model " + b.model(),
                        status == 429 ? "rate_limit_error" : "server_error"));
                return;
            }
            SimAnswer answer = SimAnswer.build(req, b);
            if (req.path("stream").asBoolean(false)) {
                stream(ex, req, b, answer);
            } else {
                SimHttp.send(ex, 200, answer.completion());
            }
        }
    }

    private void stream(HttpExchange ex, JsonNode req, SimBehaviour b, SimAnswer answer) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        List<ObjectNode> chunks = answer.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            if (b.cutAfterChunks() >= 0 && i >= b.cutAfterChunks()) {
                return; // ends the body without [DONE]: a broken stream
            }
            write(out, Json.text(chunks.get(i)));
            SimHttp.sleep(b.chunkDelayMs());
        }
        if (req.path("stream_options").path("include_usage").asBoolean(false)) {
            write(out, Json.text(answer.usageChunk()));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void write(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode error(String message, String type) {
        ObjectNode root = Json.object();
        root.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
