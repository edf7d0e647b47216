package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "model": "auto" through the running gateway with the shipped ONNX classifier. Qualities are
 * chosen so the outcome does not depend on the classifier's exact score: at target 0 the bar is at
 * most 0.5 (the cheap model's quality), at target 1 it is at least 0.5 (above the cheap model's).
 */
class SmartRoutingIT {

    private static final String POLICY = """
              policies:
                auto:
                  quality-target: 0.0
                  classify-budget: 2s
                  candidates:
                    - {model: fake/gpt-4o-mini, input-price: 0.15, output-price: 0.6, quality: 0.5, context: 128000}
                    - {model: fake/gpt-4o, input-price: 2.5, output-price: 10, quality: 1.0, context: 128000, vision: true}
            """;
    private static final String ASK = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Write a Python function that merges two sorted lists.\"}]}";
    private static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start("", POLICY.stripTrailing());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void lowTarget_routesToTheCheapModel_andExplainsWhy() {
        HttpResponse<String> res = gw.chat(ASK);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("gpt-4o-mini", gw.upstream.lastRequest().json().path("model").asText());
        String route = res.headers().firstValue("x-gateway-route").orElseThrow();
        assertTrue(route.startsWith("policy=auto; model=fake/gpt-4o-mini; intent="), route);
        assertTrue(route.contains("complexity="), route);
    }

    @Test
    void countTokens_withThePolicyAsModel_isCountedForTheModelItWouldPick() {
        HttpResponse<String> res = gw.post("/v1/messages/count_tokens", "{\"model\":\"auto\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"0123456789abcdef\"}]}", "x-api-key", GatewayHarness.FULL_KEY,
                "anthropic-version", "2023-06-01");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(4, GatewayHarness.json(res.body()).path("input_tokens").asInt());
        assertTrue(res.headers().firstValue("x-gateway-upstream").orElseThrow().startsWith("fake/"), res.headers().map()
                .toString());
    }

    @Test
    void qualityTargetHeader_routesToTheStrongModel() {
        HttpResponse<String> res = gw.post("/v1/chat/completions", ASK, "Authorization", "Bearer " + FULL_KEY,
                "x-gateway-quality-target", "1");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("gpt-4o", gw.upstream.lastRequest().json().path("model").asText());
    }

    @Test
    void imageInput_goesToTheVisionModel() {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}";
        assertEquals(200, gw.chat(body).statusCode());
        assertEquals("gpt-4o", gw.upstream.lastRequest().json().path("model").asText());
    }

    @Test
    void dryRun_explainsWithoutCallingTheUpstream() {
        int before = gw.upstream.requests().size();
        HttpResponse<String> res = gw.post("/v1/routing/explain", ASK, "Authorization", "Bearer " + FULL_KEY);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode d = json(res.body());
        assertEquals("fake/gpt-4o-mini", d.path("model").asText());
        assertEquals("en", d.path("classification").path("language").asText());
        double complexity = d.path("classification").path("complexity").asDouble(-1);
        assertTrue(complexity >= 0 && complexity <= 1, res.body());
        assertEquals(2, d.path("candidates").size());
        assertEquals(before, gw.upstream.requests().size());
    }

    @Test
    void models_listsThePolicy() {
        HttpResponse<String> res = gw.get("/v1/models", "Authorization", "Bearer " + FULL_KEY);
        assertTrue(res.body().contains("\"id\":\"auto\""), res.body());
    }
}
