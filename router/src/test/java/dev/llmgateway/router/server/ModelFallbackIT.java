package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code router.fallbacks}: when a model's accounts cannot serve a request, the next model does. */
class ModelFallbackIT {

    private static final String PROVIDERS = """
                  base-uri: %FAKE%
                  api-key: %SECRET%
                  models: [gpt-4o-mini, gpt-4o]
                down:
                  base-uri: http://127.0.0.1:1/v1
                  api-key: sk-down-0123456789
                  models: [m1]
              fallbacks:
                down/m1: [fake/gpt-4o-mini]
                fake/gpt-4o: [fake/gpt-4o-mini]
            """;

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void unreachableModel_servedByItsFallback_andTheHeadersSayWhy() {
        gw = GatewayHarness.start("", "", PROVIDERS);
        HttpResponse<String> res = gw.chat("{\"model\":\"down/m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("fake/gpt-4o-mini", res.headers().firstValue("x-gateway-upstream").orElseThrow().split(";")[0]);
        String route = res.headers().firstValue("x-gateway-route").orElseThrow();
        assertTrue(route.startsWith("fallback for down/m1; after down/m1 failed ("), route);
        assertEquals("2", res.headers().firstValue("x-gateway-attempts").orElseThrow());
        assertEquals("gpt-4o-mini", gw.upstream.lastRequest().json().path("model").asText());
    }

    @Test
    void failingModel_5xx_fallsBackWithinTheAttemptLimit_butABadRequestDoesNot() {
        gw = GatewayHarness.start("", "", PROVIDERS);
        gw.upstream.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("gpt-4o-mini", gw.upstream.lastRequest().json().path("model").asText());
        assertTrue(res.headers().firstValue("x-gateway-route").orElseThrow().contains("after fake/gpt-4o failed"));

        gw.upstream.enqueue(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));
        HttpResponse<String> bad = gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, bad.statusCode(), bad.body());
    }
}
