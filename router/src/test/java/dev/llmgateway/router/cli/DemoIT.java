package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.llmgateway.router.demo.Simulator;
import dev.llmgateway.router.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's configuration and simulated upstream, driven by the official OpenAI SDK. */
class DemoIT {

    private static final String KEY = "lgw_demo_test_key_123456";
    private static Simulator simulator;
    private static GatewayServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start();
        DemoCommand demo = new DemoCommand();
        demo.port = 0;
        demo.host = "127.0.0.1";
        demo.quiet = true;
        demo.dataDir = Files.createTempDirectory("llmgw-demo");
        server = GatewayServer.start(demo.config(simulator, KEY, "admin-key"), Clock.systemUTC());
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey(KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        simulator.close();
    }

    private static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    @Test
    void demoModels_arePriced_soBudgetsAndReportsShowMoney() {
        var pricer = server.gateway().pricer();
        var request = new dev.llmgateway.core.chat.ChatRequest("demo/echo", java.util.List.of(), java.util.List.of(),
                java.util.Optional.empty(), java.util.Optional.empty(), dev.llmgateway.core.chat.SamplingParams.defaults(),
                false, false, java.util.Optional.empty(), java.util.Optional.empty());
        for (String provider : java.util.List.of("demo", "demo-anthropic", "demo-gemini")) {
            java.math.BigDecimal estimate = pricer.estimate(request, new dev.llmgateway.core.route.Target(provider, "echo",
                    "test"), java.time.Instant.now(), 1_000_000);
            org.junit.jupiter.api.Assertions.assertEquals(0, new java.math.BigDecimal("0.60").compareTo(estimate),
                    provider + ": a million output tokens at the gpt-4o-mini price");
        }
    }

    @Test
    void auto_routesByDifficulty_andExplainsTheChoice() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.Map<String, String> chosen = new java.util.HashMap<>();
        for (String prompt : java.util.List.of("Hi! How are you?",
                "My service deadlocks under load. The thread dump shows two threads waiting for a pool connection "
                        + "while holding a synchronized lock on OrderService: @Transactional public synchronized void "
                        + "place(Order o) { repo.save(o); audit.log(o); } Explain the cause and propose a fix that keeps "
                        + "the audit log consistent.")) {
            String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(prompt) + "}]}";
            java.net.http.HttpResponse<String> res = null;
            for (int attempt = 0; attempt < 20; attempt++) { // the classifier loads on first use; until then: fallback
                res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                                + "/v1/chat/completions")).header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (!res.headers().firstValue("x-gateway-route").orElse("").contains("fallback")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals(200, res.statusCode(), res.body());
            String route = res.headers().firstValue("x-gateway-route").orElseThrow();
            assertTrue(route.startsWith("policy=auto; model=demo/"), route);
            assertTrue(route.contains("; difficulty="), route);
            chosen.put(prompt.substring(0, 3), route.substring("policy=auto; model=".length(), route.indexOf(';', 20)));
        }
        assertEquals("demo/fast", chosen.get("Hi!"), chosen.toString());
        assertEquals("demo/echo", chosen.get("My "), chosen.toString());
    }

    @Test
    void echo_isDeterministicWithUsage() {
        ChatCompletion a = client.chat().completions().create(ask("demo/echo", "hello gateway"));
        ChatCompletion b = client.chat().completions().create(ask("gpt-4o-mini", "hello gateway"));
        assertEquals("Echo: hello gateway", a.choices().get(0).message().content().orElseThrow());
        assertEquals(a.choices().get(0).message().content(), b.choices().get(0).message().content());
        assertEquals(3, a.usage().orElseThrow().completionTokens());
    }

    @Test
    void echo_streamsWordByWord() {
        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask("demo/fast", "a b c"))) {
            s.stream().forEach(c -> {
                chunks[0]++;
                c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
            });
        }
        assertEquals("Echo: a b c", text.toString());
        assertTrue(chunks[0] >= 5, "one chunk per word plus role and finish chunks: " + chunks[0]);
    }

    @Test
    void tools_modelCallsTheGivenTool() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("demo/tools").addUserMessage("weather in Paris?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather").parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build()).build()).build())
                .build());
        var call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("{\"city\":\"example\"}", call.function().arguments());
    }

    @Test
    void flaky_isHiddenByRetries() {
        for (int i = 0; i < 4; i++) {
            assertEquals("Echo: again", client.chat().completions().create(ask("demo/flaky", "again"))
                    .choices().get(0).message().content().orElseThrow());
        }
    }

    @Test
    void errorModels_mapToTheirStatuses() {
        assertThrows(InternalServerException.class, () -> client.chat().completions().create(ask("demo/error-500", "x")));
        assertThrows(RateLimitException.class, () -> client.chat().completions().create(ask("demo/error-429", "x")));
    }

    @Test
    void cut_streamRaisesInTheSdk() {
        assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                    ask("demo/cut", "one two three four five six"))) {
                s.stream().forEach(c -> { });
            }
        });
    }

    @Test
    void dataDir_isCreatedForReadiness() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var res = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(Files.isDirectory(Path.of(res.body().isEmpty() ? "." : ".")));
    }
}
