package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.store.Rows;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budgets over the real gateway: a config key of organization org_b, a fake upstream, a webhook receiver. */
class BudgetIT {

    private static final String ORG_KEY = "lgw_test_budget_key_0123456789";
    private static final String API = "/admin/api/v1";
    /**
     * The fake answers 11 prompt tokens (3 of them cached) and 7 completion tokens: with gpt-4o-mini
     * (0.15 input, 0.075 cache read, 0.60 output USD per million) that is 0.000005625 a request.
     */
    private static final String CHAT = "{\"model\":\"fake/gpt-4o-mini\",\"max_tokens\":3,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayHarness gw;
    private HttpServer hooks;
    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        gw = GatewayHarness.start("", "", "", "{name: org-key, key: " + ORG_KEY + ", org: org_b}");
        Instant now = Instant.now();
        gw.gateway().tenancy().database().execute().insert("INSERT INTO organizations (id, name, status, created_at, "
                + "updated_at) VALUES ('org_b', 'Budget Org', 'active', ?, ?)", Rows.time(now), Rows.time(now));
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", ex -> {
            alerts.add(json(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hooks.start();
    }

    @AfterEach
    void stop() {
        gw.close();
        hooks.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook";
    }

    private HttpResponse<String> chat(String body) {
        return gw.post("/v1/chat/completions", body, "Authorization", "Bearer " + ORG_KEY);
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The budget, waiting briefly until its spending shows {@code requests}: it is settled after the answer. */
    private JsonNode budget(String id, int requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode b = json(admin("GET", "/orgs/org_b/budgets/" + id, null).body());
            if (b.path("current").path("requests").asInt() >= requests || System.nanoTime() > deadline) {
                return b;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void monthlyBudgetOfThreeRequests_threeAnsweredThenBudgetExceeded_alertsPostedOnce() throws Exception {
        HttpResponse<String> created = admin("POST", "/orgs/org_b/budgets", "{\"name\":\"pilot\",\"period\":\"month\","
                + "\"amount_usd\":\"0.000016875\",\"webhooks\":[\"" + hook() + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode b = json(created.body());
        String id = b.path("id").asText();
        assertEquals("organization", b.path("scope").asText());
        assertEquals("org_b", b.path("scope_id").asText());
        assertEquals("refuse", b.path("action").asText());
        assertEquals("[80,90,100]", b.path("thresholds").toString());

        for (int i = 0; i < 3; i++) {
            assertEquals(200, chat(CHAT).statusCode(), "request " + (i + 1));
            budget(id, i + 1); // settled before the next estimate
        }
        HttpResponse<String> refused = chat(CHAT);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = GatewayHarness.openAiError(refused);
        assertEquals("rate_limit_error", error.path("type").asText());
        assertEquals("budget_exceeded", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("This request would exceed budget " + id
                + " (\"pilot\") on organization org_b of 0.000016875 USD for "), error.path("message").asText());
        assertTrue(refused.headers().firstValue("retry-after").isPresent());

        HttpResponse<String> anthropic = gw.post("/v1/messages", "{\"model\":\"fake/gpt-4o-mini\",\"max_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", ORG_KEY,
                "anthropic-version", "2023-06-01");
        assertEquals(429, anthropic.statusCode(), anthropic.body());
        assertEquals("rate_limit_error", json(anthropic.body()).path("error").path("type").asText());
        assertEquals(3, gw.upstream.requests().size(), "refused requests never reach the upstream");

        JsonNode current = budget(id, 3).path("current");
        assertEquals("0.000016875", current.path("spent_usd").asText());
        assertEquals("0", current.path("reserved_usd").asText());
        assertEquals("100.00", current.path("percent_used").asText());
        assertEquals("[80,90,100]", current.path("alerts_fired").toString());
        assertTrue(gw.gateway().alerts().drain(10_000));
        assertEquals(List.of(80, 90, 100), alerts.stream().map(a -> a.path("fields").path("threshold_percent").asInt())
                .sorted().toList());
        assertEquals("budget.threshold", alerts.get(0).path("kind").asText());
        assertEquals("org_b", alerts.get(0).path("org_id").asText());

        JsonNode top = json(admin("GET", "/reports/top?by=model&rank=requests&org_id=org_b", null).body());
        assertEquals("gpt-4o-mini", top.path("data").path(0).path("model").asText(), top.toString());
        assertEquals(3, top.path("data").path(0).path("requests").asInt(), top.toString());
        assertEquals("0.000016875", top.path("data").path(0).path("cost_usd").asText(), top.toString());
        assertEquals(400, admin("GET", "/reports/top?by=password", null).statusCode());
        assertEquals("[]", json(admin("GET", "/orgs/org_b/anomalies", null).body()).path("data").toString());

        HttpResponse<String> raised = admin("PATCH", "/orgs/org_b/budgets/" + id, "{\"amount_usd\":\"1\"}");
        assertEquals(200, raised.statusCode(), raised.body());
        assertEquals(200, chat(CHAT).statusCode(), "a raised budget admits again at once on this instance");
    }

    @Test
    void downgradeBudget_spent_requestGoesToTheCheaperModelAndSaysWhy() throws Exception {
        HttpResponse<String> created = admin("POST", "/orgs/org_b/budgets", "{\"period\":\"day\",\"amount_usd\":"
                + "\"0.0001\",\"action\":\"downgrade\",\"downgrade_model\":\"fake/gpt-4o-mini\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created.body()).path("id").asText();
        // gpt-4o: estimated 0.0000325 (1 prompt token, 3 output), costs 0.00009375; the second does not fit
        String expensive = CHAT.replace("gpt-4o-mini", "gpt-4o");
        HttpResponse<String> first = chat(expensive);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("fake/gpt-4o", first.headers().firstValue("x-gateway-upstream").orElse("").split(";")[0]);
        budget(id, 1);
        HttpResponse<String> second = chat(expensive);
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("fake/gpt-4o-mini", second.headers().firstValue("x-gateway-upstream").orElse("").split(";")[0]);
        assertTrue(second.headers().firstValue("x-gateway-route").orElse("").startsWith("budget " + id
                + " spent: downgraded from fake/gpt-4o to fake/gpt-4o-mini"), second.headers().toString());
        assertTrue(gw.upstream.requests().get(1).body().contains("\"gpt-4o-mini\""), gw.upstream.requests().get(1).body());
    }

    @Test
    void budgetRoutes_badInput_clearErrorsAndNothingStored() {
        record Case(String body, String param) {
        }
        for (Case c : List.of(new Case("{\"amount_usd\":\"5\"}", "period"),
                new Case("{\"period\":\"fortnight\",\"amount_usd\":\"5\"}", "period"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"-1\"}", "amount_usd"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"lots\"}", "amount_usd"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"5\",\"action\":\"downgrade\"}", "downgrade_model"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"5\",\"thresholds\":[150]}", "thresholds"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"5\",\"webhooks\":[\"ftp://x\"]}", "webhooks"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"5\",\"scope\":\"team\",\"scope_id\":\"team_nope\"}",
                        "scope_id"),
                new Case("{\"period\":\"month\",\"amount_usd\":\"5\",\"colour\":\"red\"}", "colour"))) {
            HttpResponse<String> res = admin("POST", "/orgs/org_b/budgets", c.body());
            assertEquals(400, res.statusCode(), c.body() + " -> " + res.body());
            assertEquals(c.param(), json(res.body()).path("error").path("param").asText(), res.body());
        }
        assertEquals("[]", json(admin("GET", "/orgs/org_b/budgets", null).body()).path("data").toString());
        assertEquals(404, admin("GET", "/orgs/org_nope/budgets", null).statusCode());
        assertEquals(404, admin("GET", "/orgs/org_b/budgets/bud_nope", null).statusCode());
        assertEquals(404, admin("DELETE", "/orgs/org_b/budgets/bud_nope", null).statusCode());
    }
}
