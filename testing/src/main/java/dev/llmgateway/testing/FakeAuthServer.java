package dev.llmgateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake OAuth authorization server on a loopback port: {@code POST /oauth/token} takes JSON or form
 * bodies, records every call, and by default grants {@code access-<n>} / {@code refresh-<n>} tokens
 * that live {@link #expiresIn} seconds. Tests replace {@link #answer} to refuse, delay or revoke.
 */
public final class FakeAuthServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token request: its content type and its parameters (JSON fields or form fields). */
    public record Call(String contentType, Map<String, String> params) {
        public String grantType() {
            return params.getOrDefault("grant_type", "");
        }
    }

    /** What the server answers, after {@code delay}. */
    public record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long expiresIn = 3600;
    private volatile Function<Call, Answer> answer = this::grant;

    private FakeAuthServer(HttpServer server) {
        this.server = server;
    }

    public static FakeAuthServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            FakeAuthServer fake = new FakeAuthServer(http);
            http.createContext("/oauth/token", fake::token);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token");
    }

    public URI authorizeUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/authorize");
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public long count(String grantType) {
        return calls().stream().filter(c -> c.grantType().equals(grantType)).count();
    }

    /** How long granted access tokens live, in seconds (default 3600). */
    public FakeAuthServer expiresIn(long seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /** How the server answers from now on (default {@link #grant}). */
    public FakeAuthServer answer(Function<Call, Answer> answer) {
        this.answer = answer;
        return this;
    }

    /** New tokens for any grant. */
    public Answer grant(Call call) {
        int n = issued.incrementAndGet();
        return new Answer(200, "{\"access_token\":\"access-" + n + "\",\"refresh_token\":\"refresh-" + n
                + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}", Duration.ZERO);
    }

    public static Answer invalidGrant() {
        return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}",
                Duration.ZERO);
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Call call = new Call(contentType, params(contentType, body));
            calls.add(call);
            Answer a = answer.apply(call);
            if (!a.delay().isZero()) {
                Thread.sleep(a.delay().toMillis());
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> params(String contentType, String body) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (contentType != null && contentType.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            json.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
