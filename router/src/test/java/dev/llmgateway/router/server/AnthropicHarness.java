package dev.llmgateway.router.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.provider.anthropic.AnthropicStreams;
import dev.llmgateway.testing.FakeUpstream;
import dev.llmgateway.testing.Reply;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway on a loopback port in front of two fake upstreams: {@code claude} (Anthropic Messages
 * API, model claude-sonnet-4-5) and {@code fake} (OpenAI-compatible, model gpt-4o-mini).
 */
final class AnthropicHarness implements AutoCloseable {

    static final String KEY = "lgw_test_anthropic_key_0123456789";
    static final String CLAUDE_SECRET = "sk-ant-upstream-secret-abcdef";
    static final String OPENAI_SECRET = "sk-openai-upstream-secret-abcdef";

    final FakeUpstream claude = FakeUpstream.start();
    final FakeUpstream openai = FakeUpstream.start();
    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;

    AnthropicHarness() {
        try {
            dataDir = Files.createTempDirectory("llmgw-anthropic-it");
            String yaml = """
                    gateway:
                      data-dir: %s
                      access-log: false
                    router:
                      server: {host: 127.0.0.1, port: 0}
                      timeouts: {connect: 2s, first-byte: 3s, idle: 2s, total: 20s}
                      retry: {max-attempts: 3, initial-backoff: 20ms, max-backoff: 100ms, max-retry-after: 3s}
                      providers:
                        claude:
                          type: ANTHROPIC
                          base-uri: %s
                          api-key: %s
                          models: [claude-sonnet-4-5]
                        fake:
                          base-uri: %s
                          api-key: %s
                          models: [gpt-4o-mini]
                    security:
                      client-keys:
                        - name: full
                          key: %s
                    """.formatted(dataDir, claude.baseUri(), CLAUDE_SECRET, openai.baseUri(), OPENAI_SECRET, KEY);
            Path file = dataDir.resolve("gateway.yaml");
            Files.writeString(file, new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml)));
            GatewayConfig config = ConfigLoader.load(Optional.of(file), Map.of());
            server = GatewayServer.start(config, Clock.systemUTC());
        } catch (IOException e) {
            claude.close();
            openai.close();
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A messages request with the client key in x-api-key, as the Anthropic SDKs send it. */
    HttpResponse<String> messages(String body, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "x-api-key";
        all[headers.length + 1] = KEY;
        return post("/v1/messages", body, all);
    }

    /** The events of a recorded fixture as FakeUpstream stream items ("event: X\ndata: Y"). */
    static Reply.Stream fixtureStream(String scenario, Reply.End end) {
        return fixtureStream(scenario, end, Duration.ZERO);
    }

    /** As above with {@code gap} between events (and before a CUT, so the reset cannot overtake them). */
    static Reply.Stream fixtureStream(String scenario, Reply.End end, Duration gap) {
        String sse = AnthropicStreams.resource("/fixtures/anthropic/" + scenario + ".sse");
        List<String> items = Arrays.stream(sse.split("\n\n")).map(String::strip)
                .map(s -> s.lines().filter(l -> !l.startsWith(":")).reduce((a, b) -> a + "\n" + b).orElse(""))
                .filter(s -> s.startsWith("event: ")).toList();
        return new Reply.Stream(items, Duration.ZERO, gap, end);
    }

    static JsonNode json(String text) {
        JsonNode n = AnthropicStreams.parse(text);
        if (n.isMissingNode()) {
            throw new AssertionError("not JSON: " + text);
        }
        return n;
    }

    /** Asserts Anthropic's error shape and returns the {@code error} object. */
    static JsonNode anthropicError(HttpResponse<String> response) {
        JsonNode root = json(response.body());
        JsonNode error = root.path("error");
        if (!"error".equals(root.path("type").asText()) || !error.path("type").isTextual()
                || !error.path("message").isTextual()) {
            throw new AssertionError("not an Anthropic error body: " + response.body());
        }
        return error;
    }

    @Override
    public void close() {
        server.close();
        claude.close();
        openai.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
