package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.OAuthAccountsIT.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.FakeAuthServer;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini CLI OAuth accounts over real sockets: the gateway sends their requests to a fake Code
 * Assist API on loopback (the account's base_uri) wrapped with the model and project, with the
 * account's bearer token, and clients of every dialect get the unwrapped answers, usage included,
 * streaming or not. The project is found once with loadCodeAssist or taken from the account; an
 * account that is not onboarded is an error the client can read and takes the account out of rotation.
 */
class CodeAssistIT {

    static final String MODEL = "gemini-2.5-flash";
    static final String LOADED = "{\"currentTier\":{\"id\":\"free-tier\",\"name\":\"Gemini Code Assist for individuals\"},"
            + "\"cloudaicompanionProject\":\"helpful-cat-123\"}";
    static final String ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi there\"}]},"
            + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,"
            + "\"candidatesTokenCount\":2,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\"}";
    static final List<String> STREAM = List.of(
            "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}],"
                    + "\"modelVersion\":\"gemini-2.5-flash\"},\"traceId\":\"trace-s\"}",
            "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\" there\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,"
                    + "\"candidatesTokenCount\":2,\"totalTokenCount\":9},\"modelVersion\":\"gemini-2.5-flash\"},"
                    + "\"traceId\":\"trace-s\"}");

    private FakeAuthServer auth;
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    /** A Gemini provider (its own base URI is never called) and Gemini CLI's token endpoint at the fake. */
    private void start() {
        auth = FakeAuthServer.start();
        gw = GatewayHarness.startTopLevel("", "", """
                      type: GEMINI
                      base-uri: http://127.0.0.1:9/v1beta
                      models: [gemini-2.5-flash]
                """, """
                accounts:
                  allow-subscription-oauth: true
                  oauth:
                    background-refresh: false
                    gemini-cli:
                      token-uri: %s
                      client-secret: test-client-secret
                """.formatted(auth.tokenUri()));
    }

    /** Adds fake/me with {@code extra} fields (JSON members) pointing at the fake Code Assist, and authorizes it. */
    private void addAccount(String extra) {
        String base = "http://127.0.0.1:" + gw.upstream.port();
        HttpResponse<String> added = admin(gw, "POST", "/accounts/oauth", "{\"type\":\"gemini-cli\",\"name\":\"me\","
                + "\"base_uri\":\"" + base + "\"" + extra + "}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(base, json(added.body()).path("options").path("base_uri").asText(), added.body());
        JsonNode start = json(admin(gw, "POST", "/accounts/fake/me/oauth/start", null).body());
        HttpResponse<String> done = admin(gw, "POST", "/accounts/fake/me/oauth/callback", "{\"code\":\"4/0Ab\","
                + "\"state\":\"" + start.path("state").asText() + "\"}");
        assertEquals(200, done.statusCode(), done.body());
    }

    private static Reply wrapped(String answer, String traceId) {
        return Reply.json(200, "{\"response\":" + answer + ",\"traceId\":\"" + traceId + "\"}");
    }

    private static Reply stream() {
        return new Reply.Stream(STREAM, Duration.ZERO, Duration.ZERO, Reply.End.DONE);
    }

    /** The fake saw a wrapped generate request: endpoint, bearer, model, project, and the Gemini request inside. */
    private static JsonNode assertWrapped(RecordedRequest up, boolean stream, String project) {
        assertEquals("POST", up.method());
        assertEquals(stream ? "/v1internal:streamGenerateContent?alt=sse" : "/v1internal:generateContent", up.path());
        assertEquals("Bearer access-1", up.header("authorization").orElseThrow());
        assertTrue(up.header("x-goog-api-key").isEmpty(), up.headers().toString());
        JsonNode body = up.json();
        assertEquals(MODEL, body.path("model").asText(), body.toString());
        assertEquals(project, body.path("project").asText(), body.toString());
        assertFalse(body.path("user_prompt_id").asText().isBlank(), body.toString());
        assertTrue(body.path("request").path("contents").isArray(), body.toString());
        assertFalse(body.has("contents"), "the Gemini request is inside 'request': " + body);
        return body.path("request");
    }

    @Test
    void everyDialect_streamingOrNot_isServedThroughCodeAssist_withTheProjectFromLoadCodeAssist() {
        start();
        addAccount("");
        gw.upstream.enqueue(Reply.json(200, LOADED), wrapped(ANSWER, "trace-1"));

        // OpenAI chat, not streaming: the project is looked up first, with the account's token
        HttpResponse<String> chat = gw.chat("{\"model\":\"" + MODEL + "\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        JsonNode c = json(chat.body());
        assertEquals("Hi there", c.path("choices").get(0).path("message").path("content").asText(), chat.body());
        assertEquals(7, c.path("usage").path("prompt_tokens").asInt(), chat.body());
        assertEquals(2, c.path("usage").path("completion_tokens").asInt(), chat.body());
        List<RecordedRequest> ups = gw.upstream.requests();
        assertEquals(2, ups.size());
        RecordedRequest load = ups.get(0);
        assertEquals("/v1internal:loadCodeAssist", load.path());
        assertEquals("Bearer access-1", load.header("authorization").orElseThrow());
        assertEquals("GEMINI", load.json().path("metadata").path("pluginType").asText(), load.body());
        JsonNode inner = assertWrapped(ups.get(1), false, "helpful-cat-123");
        assertEquals(50, inner.path("generationConfig").path("maxOutputTokens").asInt(), inner.toString());

        // OpenAI chat, streaming: no second lookup
        gw.upstream.enqueue(stream());
        HttpResponse<String> chatStream = gw.chat("{\"model\":\"" + MODEL + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, chatStream.statusCode(), chatStream.body());
        String text = GatewayHarness.sseData(chatStream.body()).stream().filter(d -> !d.equals("[DONE]"))
                .map(d -> json(d).path("choices").path(0).path("delta").path("content").asText(""))
                .reduce("", String::concat);
        assertEquals("Hi there", text, chatStream.body());
        assertTrue(GatewayHarness.sseData(chatStream.body()).stream().filter(d -> !d.equals("[DONE]"))
                .anyMatch(d -> json(d).path("usage").path("completion_tokens").asInt() == 2), chatStream.body());
        assertEquals(3, gw.upstream.requests().size(), "the project was looked up once");
        assertWrapped(gw.upstream.lastRequest(), true, "helpful-cat-123");

        // Gemini, not streaming: the client's own body is the wrapped request; the answer is Gemini's
        gw.upstream.enqueue(wrapped(ANSWER, "trace-2"));
        String geminiBody = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"temperature\":0.2}}";
        HttpResponse<String> gemini = gw.post("/v1beta/models/" + MODEL + ":generateContent", geminiBody,
                "x-goog-api-key", FULL_KEY);
        assertEquals(200, gemini.statusCode(), gemini.body());
        JsonNode g = json(gemini.body());
        assertFalse(g.has("response"), "unwrapped: " + gemini.body());
        assertEquals("Hi there", g.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText(),
                gemini.body());
        assertEquals(9, g.path("usageMetadata").path("totalTokenCount").asInt(), gemini.body());
        assertEquals(json(geminiBody), assertWrapped(gw.upstream.lastRequest(), false, "helpful-cat-123"));

        // Gemini, streaming: each event unwrapped
        gw.upstream.enqueue(stream());
        HttpResponse<String> geminiStream = gw.post("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
                geminiBody, "x-goog-api-key", FULL_KEY);
        assertEquals(200, geminiStream.statusCode(), geminiStream.body());
        List<String> events = GatewayHarness.sseData(geminiStream.body());
        assertEquals(2, events.size(), geminiStream.body());
        assertEquals(" there", json(events.get(1)).path("candidates").get(0).path("content").path("parts").get(0)
                .path("text").asText(), geminiStream.body());
        assertEquals(2, json(events.get(1)).path("usageMetadata").path("candidatesTokenCount").asInt());
        assertFalse(json(events.get(0)).has("response"), events.get(0));
        assertWrapped(gw.upstream.lastRequest(), true, "helpful-cat-123");

        // Anthropic, not streaming
        gw.upstream.enqueue(wrapped(ANSWER, "trace-3"));
        HttpResponse<String> messages = gw.post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":40,"
                + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", FULL_KEY, "anthropic-version", "2023-06-01");
        assertEquals(200, messages.statusCode(), messages.body());
        JsonNode m = json(messages.body());
        assertEquals("Hi there", m.path("content").get(0).path("text").asText(), messages.body());
        assertEquals(7, m.path("usage").path("input_tokens").asInt(), messages.body());
        assertEquals(2, m.path("usage").path("output_tokens").asInt(), messages.body());
        JsonNode encoded = assertWrapped(gw.upstream.lastRequest(), false, "helpful-cat-123");
        assertEquals("Be brief.", encoded.path("systemInstruction").path("parts").get(0).path("text").asText(),
                encoded.toString());

        // Anthropic, streaming
        gw.upstream.enqueue(stream());
        HttpResponse<String> messagesStream = gw.post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":40,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", FULL_KEY, "anthropic-version", "2023-06-01");
        assertEquals(200, messagesStream.statusCode(), messagesStream.body());
        List<JsonNode> anthropicEvents = GatewayHarness.sseData(messagesStream.body()).stream()
                .map(GatewayHarness::json).toList();
        String streamed = anthropicEvents.stream().filter(e -> e.path("type").asText().equals("content_block_delta"))
                .map(e -> e.path("delta").path("text").asText("")).reduce("", String::concat);
        assertEquals("Hi there", streamed, messagesStream.body());
        assertTrue(anthropicEvents.stream().anyMatch(e -> e.path("type").asText().equals("message_delta")
                && e.path("usage").path("output_tokens").asInt() == 2), messagesStream.body());
        assertTrue(anthropicEvents.stream().anyMatch(e -> e.path("type").asText().equals("message_stop")),
                messagesStream.body());
        assertWrapped(gw.upstream.lastRequest(), true, "helpful-cat-123");

        assertEquals(7, gw.upstream.requests().size(), "one lookup and six requests");
        assertEquals(1, gw.upstream.requests().stream().filter(r -> r.path().endsWith(":loadCodeAssist")).count());
    }

    @Test
    void aConfiguredProject_isUsedAsItIs_withoutLoadCodeAssist() {
        start();
        addAccount(",\"project\":\"my-gcp-project\"");
        gw.upstream.enqueue(wrapped(ANSWER, "trace-1"));

        HttpResponse<String> chat = gw.chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals(1, gw.upstream.requests().size(), gw.upstream.requests().toString());
        assertWrapped(gw.upstream.lastRequest(), false, "my-gcp-project");
        JsonNode account = json(admin(gw, "GET", "/accounts/fake/me", null).body());
        assertEquals("my-gcp-project", account.path("options").path("project").asText(), account.toString());
    }

    @Test
    void anAccountThatIsNotOnboarded_isAClearErrorInTheClientsDialect_andLeavesRotation() {
        start();
        addAccount("");
        gw.upstream.enqueue(Reply.json(200, "{\"allowedTiers\":[{\"id\":\"free-tier\",\"isDefault\":true}]}"));

        HttpResponse<String> chat = gw.chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertTrue(chat.statusCode() >= 500, chat.statusCode() + " " + chat.body());
        JsonNode error = json(chat.body()).path("error");
        assertEquals("upstream_account_not_set_up", error.path("code").asText(), chat.body());
        assertTrue(error.path("message").asText().contains("not onboarded"), chat.body());
        assertEquals(1, gw.upstream.requests().size(), "no generate request without a project");
        JsonNode account = json(admin(gw, "GET", "/accounts/fake/me", null).body());
        assertEquals("disabled", account.path("status").asText(), account.toString());

        HttpResponse<String> messages = gw.post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":40,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", FULL_KEY,
                "anthropic-version", "2023-06-01");
        assertTrue(messages.statusCode() >= 500, messages.body());
        assertEquals("error", json(messages.body()).path("type").asText(), "Anthropic's error shape: " + messages.body());
    }

    @Test
    void anExpiredToken_atLoadCodeAssist_isRefreshedAndTheLookupRetried() {
        start();
        addAccount("");
        gw.upstream.enqueue(Reply.json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
                + "credentials.\",\"status\":\"UNAUTHENTICATED\"}}"), Reply.json(200, LOADED), wrapped(ANSWER, "t"));

        HttpResponse<String> chat = gw.chat("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(200, chat.statusCode(), chat.body());
        List<RecordedRequest> ups = gw.upstream.requests();
        assertEquals(3, ups.size());
        assertEquals("Bearer access-1", ups.get(0).header("authorization").orElseThrow());
        assertEquals("Bearer access-2", ups.get(1).header("authorization").orElseThrow());
        assertEquals("/v1internal:generateContent", ups.get(2).path());
        assertEquals("Bearer access-2", ups.get(2).header("authorization").orElseThrow());
    }

    @Test
    void badOptions_areA400NamingTheField() {
        start();
        HttpResponse<String> res = admin(gw, "POST", "/accounts/oauth",
                "{\"type\":\"gemini-cli\",\"name\":\"me\",\"base_uri\":\"ftp://x\"}");
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("base_uri", json(res.body()).path("error").path("param").asText(), res.body());
    }
}
