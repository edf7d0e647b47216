package dev.llmgateway.router.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.testing.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway on a real loopback port in front of a {@link FakeUpstream}, configured from YAML the
 * way an operator would, plus a plain HTTP client for driving it.
 */
final class GatewayHarness implements AutoCloseable {

    static final String FULL_KEY = "lgw_test_full_key_0123456789";
    static final String LIMITED_KEY = "lgw_test_limited_key_0123456789";
    static final String UPSTREAM_SECRET = "sk-upstream-secret-abcdef123456";
    static final String ADMIN_KEY = "lgw_test_admin_key_0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeUpstream upstream;
    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;

    private GatewayHarness(FakeUpstream upstream, GatewayServer server, Path dataDir) {
        this.upstream = upstream;
        this.server = server;
        this.dataDir = dataDir;
    }

    static GatewayHarness start() {
        return start("", "");
    }

    /** {@code timeouts} and {@code retry} are extra YAML lines for those sections (indented by the caller). */
    static GatewayHarness start(String timeouts, String retry) {
        return start(timeouts, retry, "");
    }

    /**
     * {@code fakeProvider} replaces the body of the {@code fake} provider entry (YAML indented by six
     * spaces); {@code %FAKE%} in it stands for the fake upstream's base URI.
     */
    static GatewayHarness start(String timeouts, String retry, String fakeProvider) {
        return start(timeouts, retry, fakeProvider, "");
    }

    /**
     * {@code extraKeys} are more {@code security.client-keys} entries, as YAML flow maps one per
     * line ({@code {name: q, key: ..., org: org_q}}).
     */
    static GatewayHarness start(String timeouts, String retry, String fakeProvider, String extraKeys) {
        return start(timeouts, retry, fakeProvider, extraKeys, "");
    }

    /** {@code topLevel} is extra YAML at the top level (sections such as {@code accounts:}). */
    static GatewayHarness startTopLevel(String timeouts, String retry, String fakeProvider, String topLevel) {
        return start(timeouts, retry, fakeProvider, "", topLevel);
    }

    static GatewayHarness start(String timeouts, String retry, String fakeProvider, String extraKeys,
                                String topLevel) {
        FakeUpstream upstream = FakeUpstream.start();
        try {
            Path dataDir = Files.createTempDirectory("llmgw-it");
            String yaml = """
                    gateway:
                      data-dir: %s
                      access-log: false
                    router:
                      server:
                        host: 127.0.0.1
                        port: 0
                        max-body-size: 64KiB
                      timeouts:
                        connect: 2s
                        first-byte: 3s
                        idle: 2s
                        total: 20s
                    %s
                      retry:
                        max-attempts: 3
                        initial-backoff: 20ms
                        max-backoff: 100ms
                        max-retry-after: 3s
                    %s
                      providers:
                        fake:
                    %s
                      aliases:
                        cheap: fake/gpt-4o-mini
                    security:
                      admin-key: %s
                      client-keys:
                        - name: full
                          key: %s
                        - name: limited
                          key: %s
                          models: ["fake/gpt-4o"]
                    %s
                    %s
                    """.formatted(dataDir, timeouts, retry, (fakeProvider.isEmpty() ? """
                          base-uri: %FAKE%
                          api-key: %SECRET%
                          models: [gpt-4o-mini, gpt-4o]
                    """ : fakeProvider).replace("%FAKE%", upstream.baseUri().toString())
                            .replace("%SECRET%", UPSTREAM_SECRET).stripTrailing(), ADMIN_KEY, FULL_KEY, LIMITED_KEY,
                    extraKeys.lines().map(l -> "    - " + l.strip()).collect(java.util.stream.Collectors.joining("\n")),
                    topLevel.stripTrailing());
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            Path file = dataDir.resolve("gateway.yaml");
            Files.writeString(file, JSON.writeValueAsString(tree));
            GatewayConfig config = ConfigLoader.load(Optional.of(file), Map.of());
            return new GatewayHarness(upstream, GatewayServer.start(config, Clock.systemUTC()), dataDir);
        } catch (IOException e) {
            upstream.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The running gateway, for tests that look behind the HTTP API (its database, its pool). */
    Gateway gateway() {
        return server.gateway();
    }

    Path dataDir() {
        return dataDir;
    }

    /** The gateway's tenancy (its database), for tests that set up organizations. */
    dev.llmgateway.tenancy.Tenancy tenancy() {
        return server.gateway().tenancy();
    }

    /** Inserts an active organization row, as the organization service would. */
    void organization(String id) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        tenancy().database().execute().insert("INSERT INTO organizations (id, name, status, created_at, updated_at) "
                + "VALUES (?, ?, 'active', ?, ?)", id, "Org " + id, now, now);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> chat(String body) {
        return post("/v1/chat/completions", body, "Authorization", "Bearer " + FULL_KEY);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> sseData(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the OpenAI error shape and returns the {@code error} object. */
    static JsonNode openAiError(HttpResponse<String> response) {
        JsonNode root = json(response.body());
        JsonNode error = root.path("error");
        if (!error.isObject() || !error.path("message").isTextual() || !error.path("type").isTextual()
                || !error.has("param") || !error.has("code")) {
            throw new AssertionError("not an OpenAI error body: " + response.body());
        }
        return error;
    }

    @Override
    public void close() {
        server.close();
        upstream.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
