package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.LIMITED_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authentication, validation, limits, listing, health and CORS: what the gateway answers by itself. */
class EdgeIT {

    private static final String CHAT = "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void missingKey_is401WithCode() {
        HttpResponse<String> res = gw.post("/v1/chat/completions", CHAT);
        assertEquals(401, res.statusCode());
        assertEquals("missing_api_key", openAiError(res).path("code").asText());
    }

    @Test
    void wrongKey_is401_andNothingReachesUpstream() {
        int before = gw.upstream.requests().size();
        HttpResponse<String> res = gw.post("/v1/chat/completions", CHAT, "Authorization", "Bearer lgw_wrong");
        assertEquals(401, res.statusCode());
        assertEquals("invalid_api_key", openAiError(res).path("code").asText());
        assertEquals(before, gw.upstream.requests().size());
    }

    @Test
    void xApiKeyHeader_isAccepted() {
        HttpResponse<String> res = gw.post("/v1/chat/completions", CHAT, "x-api-key", FULL_KEY);
        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void malformedJson_is400WithPosition() {
        HttpResponse<String> res = gw.chat("{\"model\": \"fake/gpt-4o\", \"messages\": [");
        assertEquals(400, res.statusCode());
        JsonNode error = openAiError(res);
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("not valid JSON"), error.toString());
    }

    @Test
    void invalidField_is400NamingTheParam() {
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"temperature\":9,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, res.statusCode());
        assertEquals("temperature", openAiError(res).path("param").asText());
    }

    @Test
    void unknownModel_is404ModelNotFound() {
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(404, res.statusCode());
        assertEquals("model_not_found", openAiError(res).path("code").asText());
    }

    @Test
    void modelNotAllowedForKey_is403() {
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + LIMITED_KEY);
        assertEquals(403, res.statusCode());
        assertEquals("model_not_allowed", openAiError(res).path("code").asText());
    }

    @Test
    void oversizedBody_withContentLength_is413() {
        String big = "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(70 * 1024) + "\"}]}";
        HttpResponse<String> res = gw.chat(big);
        assertEquals(413, res.statusCode());
        assertEquals("request_too_large", openAiError(res).path("code").asText());
    }

    @Test
    void oversizedBody_chunkedWithoutLength_is413() {
        byte[] big = ("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(70 * 1024) + "\"}]}").getBytes();
        HttpRequest req = HttpRequest.newBuilder(gw.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + FULL_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> res = gw.send(req);
        assertEquals(413, res.statusCode());
        openAiError(res);
    }

    @Test
    void unknownPath_is404InOpenAiShape() {
        HttpResponse<String> res = gw.get("/v1/nothing-here");
        assertEquals(404, res.statusCode());
        openAiError(res);
    }

    @Test
    void models_listsOnlyWhatTheKeyMayUse() {
        List<String> full = ids(gw.get("/v1/models", "Authorization", "Bearer " + FULL_KEY));
        List<String> limited = ids(gw.get("/v1/models", "Authorization", "Bearer " + LIMITED_KEY));
        assertEquals(List.of("fake/gpt-4o-mini", "fake/gpt-4o", "cheap"), full);
        assertEquals(List.of("fake/gpt-4o"), limited);
        assertEquals(401, gw.get("/v1/models").statusCode());
    }

    @Test
    void health_liveAndReady() {
        assertEquals("UP", json(gw.get("/health/live").body()).path("status").asText());
        HttpResponse<String> ready = gw.get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("UP", json(ready.body()).path("checks").path("upstreams").asText());
    }

    @Test
    void corsPreflight_isAnsweredWithAllowHeaders() {
        HttpResponse<String> res = gw.send(HttpRequest.newBuilder(gw.uri("/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").build());
        assertEquals(204, res.statusCode());
        assertEquals("*", res.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(res.headers().firstValue("access-control-allow-headers").orElseThrow().contains("authorization"));
    }

    @Test
    void corsHeaders_onNormalResponses() {
        HttpResponse<String> res = gw.post("/v1/chat/completions", CHAT, "Authorization", "Bearer " + FULL_KEY,
                "Origin", "https://app.example");
        assertEquals("*", res.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(res.headers().firstValue("access-control-expose-headers").orElseThrow().contains("x-request-id"));
    }

    private static List<String> ids(HttpResponse<String> res) {
        assertEquals(200, res.statusCode(), res.body());
        List<String> out = new ArrayList<>();
        json(res.body()).path("data").forEach(m -> out.add(m.path("id").asText()));
        return out;
    }
}
