package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.testing.FakeUpstream;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Gemini dialect over real sockets, driven like Gemini CLI drives it (plain HTTP,
 * {@code x-goog-api-key}, {@code :streamGenerateContent?alt=sse}): against a Gemini upstream (body
 * and events passed through), against an OpenAI upstream (translated both ways), an OpenAI client
 * against a Gemini upstream, and the error shapes.
 */
class GeminiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "lgw_gemini_it_key_0123456789";
    private static final String GEMINI_SECRET = "AIzaSy-upstream-secret-0123456789";
    private static final String OPENAI_SECRET = "sk-upstream-secret-abcdef123456";

    private FakeUpstream gemini;
    private FakeUpstream openai;
    private GatewayServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        gemini = FakeUpstream.start();
        openai = FakeUpstream.start();
        Path dir = Files.createTempDirectory("llmgw-gemini-it");
        String yaml = """
                gateway: {data-dir: %s, access-log: false}
                router:
                  server: {host: 127.0.0.1, port: 0}
                  timeouts: {connect: 2s, first-byte: 3s, idle: 2s, total: 20s}
                  retry: {max-attempts: 3, initial-backoff: 20ms, max-backoff: 100ms, max-retry-after: 3s}
                  providers:
                    gem: {type: GEMINI, base-uri: "%s", api-key: %s, models: [gemini-2.5-flash]}
                    oai: {base-uri: "%s", api-key: %s, models: [gpt-4o]}
                  aliases: {flash: gem/gemini-2.5-flash, gpt: oai/gpt-4o}
                security:
                  client-keys: [{name: full, key: %s}]
                """.formatted(dir, gemini.baseUri() + "beta", GEMINI_SECRET, openai.baseUri(), OPENAI_SECRET, KEY);
        Path file = dir.resolve("gateway.json");
        Files.writeString(file, JSON.writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml)));
        server = GatewayServer.start(ConfigLoader.load(Optional.of(file), Map.of()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
        gemini.close();
        openai.close();
    }

    /** A body shaped like Gemini CLI's (parametersJsonSchema, thinkingConfig, systemInstruction). */
    private static final String CLI_BODY = """
            {"contents":[{"role":"user","parts":[{"text":"<session_context>linux</session_context>"},{"text":"weather in Paris?"}]}],
             "systemInstruction":{"role":"user","parts":[{"text":"You are a CLI agent."}]},
             "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather for a city",
               "parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}],
             "generationConfig":{"temperature":1,"topP":0.95,"topK":64,"maxOutputTokens":256,
               "thinkingConfig":{"includeThoughts":true,"thinkingBudget":8192}},
             "x_future_field":{"keep":true}}
            """;

    private static final List<String> GEMINI_EVENTS = List.of(
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me\"}],\"role\":\"model\"},\"index\":0}],"
                    + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r-1\"}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" check.\"},{\"functionCall\":{\"name\":\"get_weather\","
                    + "\"args\":{\"city\":\"Paris\"}}},{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Lyon\"}}}],"
                    + "\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":40,"
                    + "\"candidatesTokenCount\":12,\"totalTokenCount\":70,\"thoughtsTokenCount\":18,\"cachedContentTokenCount\":8},"
                    + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r-1\"}");

    @Test
    void geminiClient_geminiUpstream_streamsBodyAndEventsThrough() {
        gemini.enqueue(new Reply.Stream(GEMINI_EVENTS, Duration.ZERO, Duration.ZERO, Reply.End.DONE));

        HttpResponse<String> res = post("/v1beta/models/flash:streamGenerateContent?alt=sse", CLI_BODY,
                "x-goog-api-key", KEY);

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        RecordedRequest up = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", up.path());
        assertEquals(GEMINI_SECRET, up.header("x-goog-api-key").orElseThrow());
        assertFalse(up.headers().toString().contains(KEY), "the client key never reaches the upstream");
        assertEquals(json(CLI_BODY), up.json(), "the client's body is forwarded unchanged");
        assertEquals(GEMINI_EVENTS.stream().map(GeminiIT::json).toList(), data(res.body()).stream().map(GeminiIT::json).toList(),
                "the upstream's events reach the client unchanged, with no end marker added");
    }

    @Test
    void countTokens_plainAndWrappedBodies_estimatedInGeminisShape() {
        HttpResponse<String> plain = post("/v1beta/models/flash:countTokens",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"0123456789abcdef\"}]}]}", "x-goog-api-key", KEY);
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals(4, json(plain.body()).path("totalTokens").asInt(), "16 characters / 4");
        HttpResponse<String> wrapped = post("/v1beta/models/gem/gemini-2.5-flash:countTokens?key=" + KEY,
                "{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-flash\",\"contents\":[{\"role\":\"user\","
                        + "\"parts\":[{\"text\":\"01234567\"}]}]}}");
        assertEquals(200, wrapped.statusCode(), wrapped.body());
        assertEquals(2, json(wrapped.body()).path("totalTokens").asInt());
        assertEquals(0, gemini.requests().size(), "estimated here: the Gemini adapter does not count upstream");
        assertGeminiError(post("/v1beta/models/flash:countTokens", "{\"contents\":[]}", "x-goog-api-key", "wrong"),
                401, "UNAUTHENTICATED");
        assertGeminiError(post("/v1beta/models/nope:countTokens", "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}",
                "x-goog-api-key", KEY), 404, "NOT_FOUND");
    }

    @Test
    void geminiClient_providerSlashModelInPath_andKeyInQuery_nonStreamingPassthrough() {
        String answer = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0,\"safetyRatings\":[]}],\"usageMetadata\":{\"promptTokenCount\":3,"
                + "\"candidatesTokenCount\":1,\"totalTokenCount\":4},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r-2\"}";
        gemini.enqueue(Reply.json(200, answer));

        HttpResponse<String> res = post("/v1beta/models/gem/gemini-2.5-flash:generateContent?key=" + KEY,
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json(answer), json(res.body()));
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", gemini.lastRequest().path());
        assertEquals("gem/gemini-2.5-flash; account=default", res.headers().firstValue("x-gateway-upstream").orElseThrow());
    }

    @Test
    void geminiClient_openAiUpstream_streamTranslatedWithWholeFunctionCalls() {
        openai.enqueue(new Reply.Stream(List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Checking\"}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"Lyon\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"),
                "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":20,\"total_tokens\":50,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":10},\"completion_tokens_details\":{\"reasoning_tokens\":5}}}"),
                Duration.ZERO, Duration.ZERO, Reply.End.DONE));

        HttpResponse<String> res = post("/v1beta/models/gpt:streamGenerateContent?alt=sse", CLI_BODY,
                "x-goog-api-key", KEY);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode sent = openai.lastRequest().json();
        assertEquals("gpt-4o", sent.path("model").asText());
        assertEquals("system", sent.path("messages").path(0).path("role").asText());
        assertEquals("You are a CLI agent.", sent.path("messages").path(0).path("content").asText());
        assertEquals("get_weather", sent.path("tools").path(0).path("function").path("name").asText());
        assertEquals(json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
                sent.path("tools").path(0).path("function").path("parameters"));
        assertEquals(256, sent.path("max_tokens").asInt());
        assertTrue(sent.path("top_k").isMissingNode(), "top_k has no OpenAI field and is not sent");
        assertTrue(sent.path("reasoning_effort").isMissingNode(), "a thinking budget is not an effort level");
        assertTrue(sent.path("stream").asBoolean());

        List<JsonNode> events = data(res.body()).stream().map(GeminiIT::json).toList();
        assertEquals("Checking", events.get(0).path("candidates").path(0).path("content").path("parts").path(0)
                .path("text").asText());
        JsonNode last = events.get(events.size() - 1);
        JsonNode parts = last.path("candidates").path(0).path("content").path("parts");
        assertEquals(2, parts.size(), last.toString());
        assertEquals(json("{\"id\":\"call_a\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"), parts.get(0).path("functionCall"));
        assertEquals(json("{\"id\":\"call_b\",\"name\":\"get_weather\",\"args\":{\"city\":\"Lyon\"}}"), parts.get(1).path("functionCall"));
        assertEquals("STOP", last.path("candidates").path(0).path("finishReason").asText());
        assertEquals(json("{\"promptTokenCount\":30,\"candidatesTokenCount\":15,\"totalTokenCount\":50,"
                + "\"cachedContentTokenCount\":10,\"thoughtsTokenCount\":5}"), last.path("usageMetadata"));
        events.forEach(e -> assertFalse(e.has("error"), e.toString()));
    }

    @Test
    void openAiClient_geminiUpstream_streamTranslated() {
        gemini.enqueue(new Reply.Stream(GEMINI_EVENTS, Duration.ZERO, Duration.ZERO, Reply.End.DONE));
        String body = """
                {"model":"flash","stream":true,"stream_options":{"include_usage":true},"max_tokens":100,"stop":["END"],
                 "messages":[{"role":"system","content":"be brief"},{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":"required"}
                """;

        HttpResponse<String> res = post("/v1/chat/completions", body, "Authorization", "Bearer " + KEY);

        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest up = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", up.path());
        JsonNode sent = up.json();
        assertEquals(json("{\"parts\":[{\"text\":\"be brief\"}]}"), sent.path("systemInstruction"));
        assertEquals(json("[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]}]"), sent.path("contents"));
        assertEquals("get_weather", sent.path("tools").path(0).path("functionDeclarations").path(0).path("name").asText());
        assertEquals("ANY", sent.path("toolConfig").path("functionCallingConfig").path("mode").asText());
        assertEquals(json("{\"maxOutputTokens\":100,\"stopSequences\":[\"END\"]}"), sent.path("generationConfig"));

        List<String> data = data(res.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder text = new StringBuilder();
        List<JsonNode> calls = new ArrayList<>();
        String finish = null;
        JsonNode usage = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = json(d);
            usage = chunk.has("usage") && chunk.get("usage").isObject() ? chunk.get("usage") : usage;
            for (JsonNode c : chunk.path("choices")) {
                text.append(c.path("delta").path("content").asText(""));
                c.path("delta").path("tool_calls").forEach(calls::add);
                finish = c.path("finish_reason").isTextual() ? c.path("finish_reason").asText() : finish;
            }
        }
        assertEquals("Let me check.", text.toString());
        assertEquals("tool_calls", finish);
        assertEquals(4, calls.size(), "a start and one whole-arguments delta per call");
        assertEquals("get_weather", calls.get(0).path("function").path("name").asText());
        assertEquals(0, calls.get(0).path("index").asInt());
        assertEquals(1, calls.get(2).path("index").asInt());
        assertEquals(json("{\"city\":\"Lyon\"}"), json(calls.get(3).path("function").path("arguments").asText()));
        assertEquals(40, usage.path("prompt_tokens").asInt());
        assertEquals(30, usage.path("completion_tokens").asInt(), "thoughts count as output");
        assertEquals(18, usage.path("completion_tokens_details").path("reasoning_tokens").asInt());
        assertEquals(8, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void geminiClient_upstreamErrorMidStream_endsWithGeminiErrorEvent() {
        gemini.enqueue(new Reply.Stream(List.of(GEMINI_EVENTS.get(0),
                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"),
                Duration.ZERO, Duration.ZERO, Reply.End.DONE));

        HttpResponse<String> res = post("/v1beta/models/flash:streamGenerateContent?alt=sse", CLI_BODY,
                "x-goog-api-key", KEY);

        List<String> data = data(res.body());
        assertEquals(json(GEMINI_EVENTS.get(0)), json(data.get(0)));
        JsonNode error = json(data.get(data.size() - 1)).path("error");
        assertEquals(503, error.path("code").asInt());
        assertEquals("UNAVAILABLE", error.path("status").asText());
        assertTrue(error.path("message").asText().contains("overloaded"), error.toString());
    }

    @Test
    void errors_areInGeminiShape() {
        String ok = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
        assertGeminiError(post("/v1beta/models/flash:generateContent", ok), 401, "UNAUTHENTICATED");
        assertGeminiError(post("/v1beta/models/flash:generateContent", ok, "x-goog-api-key", "wrong"), 401,
                "UNAUTHENTICATED");
        assertGeminiError(post("/v1beta/models/no-such-model:generateContent", ok, "x-goog-api-key", KEY), 404,
                "NOT_FOUND");
        assertGeminiError(post("/v1beta/models/flash:generateContent", "{\"contents\":[]}", "x-goog-api-key", KEY),
                400, "INVALID_ARGUMENT");
        assertGeminiError(post("/v1beta/models/flash:generateContent", "{not json", "x-goog-api-key", KEY),
                400, "INVALID_ARGUMENT");
        assertGeminiError(post("/v1beta/models/flash:streamGenerateContent", ok, "x-goog-api-key", KEY),
                400, "INVALID_ARGUMENT");
        assertGeminiError(post("/v1beta/models/flash:embedContent", ok, "x-goog-api-key", KEY), 404, "NOT_FOUND");
        assertTrue(gemini.requests().isEmpty(), "no bad request reaches the upstream");
    }

    @Test
    void upstream429WithRetryInfo_waitIsPassedOnInGeminiShape() {
        gemini.enqueue(Reply.json(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded.\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"37s\"}]}}"));

        HttpResponse<String> res = post("/v1beta/models/flash:generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);

        JsonNode error = assertGeminiError(res, 429, "RESOURCE_EXHAUSTED");
        assertEquals("37", res.headers().firstValue("retry-after").orElseThrow());
        assertEquals(1, gemini.requests().size(), "a wait longer than max-retry-after is not retried");
        assertTrue(error.path("details").toString().contains("\"retryDelay\":\"37s\""), error.toString());
    }

    private static JsonNode assertGeminiError(HttpResponse<String> res, int status, String name) {
        assertEquals(status, res.statusCode(), res.body());
        JsonNode error = json(res.body()).path("error");
        assertEquals(status, error.path("code").asInt(), res.body());
        assertEquals(name, error.path("status").asText(), res.body());
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isEmpty());
        assertFalse(res.body().contains(GEMINI_SECRET) || res.body().contains(KEY));
        return error;
    }

    private static String chunk(String delta, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "c-1").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "gpt-4o");
        ObjectNode c = root.putArray("choices").addObject().put("index", 0);
        c.set("delta", json(delta));
        if (finish == null) {
            c.putNull("finish_reason");
        } else {
            c.put("finish_reason", finish);
        }
        return root.toString();
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> data(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
