package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing policies through the admin API over real sockets: create, route with the new name, update,
 * delete (the name is then an unknown model again), conflicts with configured names, validation,
 * platform-admin-only; and live scores skipping a candidate whose upstream keeps failing.
 */
class RoutingPoliciesIT {

    private static final String API = "/admin/api/v1";
    /** The fake provider plus a provider "down" whose upstream refuses every connection. */
    private static final String WITH_DOWN = """
                  base-uri: %FAKE%
                  api-key: %SECRET%
                  models: [gpt-4o-mini, gpt-4o]
                down:
                  base-uri: http://127.0.0.1:1/v1
                  api-key: sk-down-0123456789
                  models: [m1]
            """;
    private static final String YAML_POLICY = """
              policies:
                auto:
                  candidates:
                    - {model: fake/gpt-4o-mini, quality: 0.5}
            """;
    private static final String CHEAP_FIRST = "{\"name\":\"cheap-first\",\"quality_target\":0,\"classify_budget\":\"2s\","
            + "\"candidates\":[{\"model\":\"fake/gpt-4o-mini\",\"input_price\":0.15,\"output_price\":0.6,\"quality\":0.5},"
            + "{\"model\":\"fake/gpt-4o\",\"input_price\":2.5,\"output_price\":10,\"quality\":1.0}]}";
    private static final String ASK = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi.\"}]}";

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private HttpResponse<String> admin(String method, String path, String body, String credential) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + credential)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return gw.send(b.build());
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return admin(method, path, body, ADMIN_KEY);
    }

    @Test
    void createRouteUpdateDelete_withNoPolicyInTheConfiguration() {
        gw = GatewayHarness.start();
        assertEquals(404, gw.chat(ASK.formatted("cheap-first")).statusCode());

        HttpResponse<String> created = admin("POST", "/policies", CHEAP_FIRST);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = json(created.body());
        assertEquals("api", c.path("source").asText());
        assertEquals(1, c.path("version").asInt());
        assertEquals(0.25, c.path("max_error_rate").asDouble(), "defaults are filled in");

        HttpResponse<String> routed = gw.chat(ASK.formatted("cheap-first"));
        assertEquals(200, routed.statusCode(), routed.body());
        assertEquals("gpt-4o-mini", gw.upstream.lastRequest().json().path("model").asText());
        assertTrue(routed.headers().firstValue("x-gateway-upstream").orElseThrow().startsWith("fake/gpt-4o-mini"));
        String route = routed.headers().firstValue("x-gateway-route").orElseThrow();
        assertTrue(route.startsWith("policy=cheap-first; model=fake/gpt-4o-mini"), route);
        assertTrue(route.contains("; complexity="), "the classifier was loaded for the first policy: " + route);
        assertTrue(gw.get("/v1/models", "Authorization", "Bearer " + FULL_KEY).body().contains("\"id\":\"cheap-first\""));

        JsonNode list = json(admin("GET", "/policies", null).body());
        assertEquals(1, list.path("data").size(), list.toString());
        assertEquals("cheap-first", list.path("data").get(0).path("name").asText());

        HttpResponse<String> updated = admin("PUT", "/policies/cheap-first", "{\"candidates\":[{\"model\":\"fake/gpt-4o\","
                + "\"quality\":0.9,\"input_price\":2.5,\"output_price\":10}]}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(2, json(updated.body()).path("version").asInt());
        HttpResponse<String> again = gw.chat(ASK.formatted("cheap-first"));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("gpt-4o", gw.upstream.lastRequest().json().path("model").asText());
        assertTrue(again.headers().firstValue("x-gateway-route").orElseThrow().startsWith("policy=cheap-first; model=fake/gpt-4o;"));

        assertEquals(204, admin("DELETE", "/policies/cheap-first", null).statusCode());
        HttpResponse<String> gone = gw.chat(ASK.formatted("cheap-first"));
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals("model_not_found", json(gone.body()).path("error").path("code").asText(), gone.body());
        HttpResponse<String> goneAnthropic = gw.post("/v1/messages", "{\"model\":\"cheap-first\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", FULL_KEY,
                "anthropic-version", "2023-06-01");
        assertEquals(404, goneAnthropic.statusCode(), goneAnthropic.body());
        assertEquals("not_found_error", json(goneAnthropic.body()).path("error").path("type").asText());
        assertEquals(404, admin("GET", "/policies/cheap-first", null).statusCode());
        assertEquals(404, admin("DELETE", "/policies/cheap-first", null).statusCode());

        String audit = admin("GET", "/audit?target_type=routing_policy", null).body();
        for (String action : new String[] {"policy.create", "policy.update", "policy.delete"}) {
            assertTrue(audit.contains(action), action + " in " + audit);
        }
        // a deleted name can be created again: a new version of the same history
        HttpResponse<String> revived = admin("POST", "/policies", CHEAP_FIRST);
        assertEquals(201, revived.statusCode(), revived.body());
        assertEquals(4, json(revived.body()).path("version").asInt());
    }

    @Test
    void validationConflictsAndPermissions() {
        gw = GatewayHarness.start("", YAML_POLICY.stripTrailing());

        JsonNode list = json(admin("GET", "/policies", null).body());
        assertEquals("config", list.path("data").get(0).path("source").asText(), list.toString());
        assertEquals(409, admin("PUT", "/policies/auto", CHEAP_FIRST.replace("cheap-first", "auto")).statusCode());
        assertEquals(409, admin("DELETE", "/policies/auto", null).statusCode());
        for (String taken : new String[] {"auto", "cheap", "fake", "gpt-4o"}) { // policy, alias, provider, model
            HttpResponse<String> res = admin("POST", "/policies", CHEAP_FIRST.replace("cheap-first", taken));
            assertEquals(409, res.statusCode(), taken + ": " + res.body());
        }

        String bad = "{\"name\":\"bad\",\"quality_target\":2,\"fallback\":\"fake/gpt-4o\",\"candidates\":["
                + "{\"model\":\"fake/gpt-9\",\"quality\":0.5},{\"model\":\"fake/gpt-4o-mini\",\"quality\":0.5,\"input_price\":-1},"
                + "{\"model\":\"fake/gpt-4o-mini\",\"quality\":0.6}]}";
        HttpResponse<String> checked = admin("POST", "/policies/validate", bad);
        assertEquals(200, checked.statusCode(), checked.body());
        JsonNode v = json(checked.body());
        assertFalse(v.path("valid").asBoolean());
        String fields = v.path("problems").findValuesAsText("field").toString();
        assertEquals("[quality_target, candidates[0].model, candidates[1].input_price, candidates[2].model, fallback]",
                fields);
        assertTrue(json(admin("POST", "/policies/validate", CHEAP_FIRST).body()).path("valid").asBoolean());

        HttpResponse<String> refused = admin("POST", "/policies", bad);
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = json(refused.body()).path("error");
        assertEquals("quality_target", error.path("param").asText());
        assertEquals(5, error.path("problems").size(), refused.body());
        assertTrue(error.path("message").asText().contains("candidates[0].model: unknown model 'fake/gpt-9'"),
                refused.body());
        assertEquals(404, admin("GET", "/policies/bad", null).statusCode(), "nothing was saved");

        // an organization's owner is no platform admin
        String org = json(admin("POST", "/orgs", "{\"name\":\"Acme\"}").body()).path("id").asText();
        assertEquals(201, admin("POST", "/orgs/" + org + "/users", "{\"email\":\"o@acme.example\",\"role\":\"owner\","
                + "\"password\":\"a long enough password\"}").statusCode());
        HttpResponse<String> login = gw.post(API + "/auth/login", "{\"email\":\"o@acme.example\",\"password\":"
                + "\"a long enough password\"}");
        String session = json(login.body()).path("token").asText();
        assertEquals(403, admin("GET", "/policies", null, session).statusCode());
        assertEquals(403, admin("POST", "/policies", CHEAP_FIRST, session).statusCode());
        assertEquals(403, admin("POST", "/policies/validate", CHEAP_FIRST, session).statusCode());
        assertEquals(403, admin("DELETE", "/policies/auto", null, session).statusCode());
        assertEquals(401, admin("GET", "/policies", null, "wrong").statusCode());
    }

    @Test
    void candidateWithAFailingUpstream_isSkipped_withTheReasonInTheHeader() {
        gw = GatewayHarness.start("", "", WITH_DOWN);
        HttpResponse<String> created = admin("POST", "/policies", "{\"name\":\"resilient\",\"classify_budget\":\"2s\","
                + "\"min_requests\":2,\"max_error_rate\":0.5,\"max_latency_ratio\":0,\"candidates\":["
                + "{\"model\":\"down/m1\",\"input_price\":0.1,\"output_price\":0.1,\"quality\":1.0},"
                + "{\"model\":\"fake/gpt-4o\",\"input_price\":2.5,\"output_price\":10,\"quality\":1.0}]}");
        assertEquals(201, created.statusCode(), created.body());

        // the cheap candidate is chosen and its upstream is down: the request falls back to the next candidate
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> fell = gw.chat(ASK.formatted("resilient"));
            assertEquals(200, fell.statusCode(), fell.body());
            String route = fell.headers().firstValue("x-gateway-route").orElseThrow();
            assertTrue(route.contains("; after down/m1 failed ("), route);
            assertEquals("2", fell.headers().firstValue("x-gateway-attempts").orElseThrow());
        }
        assertEquals(2, gw.upstream.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count(),
                gw.upstream.requests().toString());

        // after min_requests failures the live score skips it before trying
        HttpResponse<String> second = gw.chat(ASK.formatted("resilient"));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("gpt-4o", gw.upstream.lastRequest().json().path("model").asText());
        assertEquals("1", second.headers().firstValue("x-gateway-attempts").orElseThrow());
        String route = second.headers().firstValue("x-gateway-route").orElseThrow();
        assertTrue(route.startsWith("policy=resilient; model=fake/gpt-4o;"), route);
        assertTrue(route.contains("; skipped down/m1: error rate 1.00 over 5m ("), route);

        HttpResponse<String> dry = gw.post("/v1/routing/explain", ASK.formatted("resilient"), "Authorization",
                "Bearer " + FULL_KEY);
        assertEquals(200, dry.statusCode(), dry.body());
        JsonNode d = json(dry.body());
        assertEquals("fake/gpt-4o", d.path("model").asText());
        assertTrue(d.path("live_scores").path("degraded").path("down/m1").asText().startsWith("error rate 1.00"), dry.body());
        assertTrue(d.path("live_scores").path("skipped").asBoolean());
    }
}
