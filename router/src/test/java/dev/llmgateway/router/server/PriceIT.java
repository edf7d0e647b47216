package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.pipeline.RequestOutcome;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prices through the admin API: read the book in use, override a model's price, requests priced with it. */
class PriceIT {

    private static final String API = "/admin/api/v1";
    private static final String OVERRIDE = "{\"models\":[{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
            + "\"aliases\":[\"gpt-4o-mini-*\"],\"effective_from\":\"2020-01-01\",\"input\":\"1.00\",\"output\":\"2.00\"}]}";

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> put(String body, String credential) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + "/prices/overrides")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode prices(String query) {
        HttpResponse<String> res = gw.get(API + "/prices" + query, "Authorization", "Bearer " + ADMIN_KEY);
        assertEquals(200, res.statusCode(), res.body());
        return json(res.body());
    }

    @Test
    void override_gpt4oMini_requestsPricedWithTheNewPriceAndRemovingItRestoresTheCatalogue() throws Exception {
        JsonNode shipped = prices("?provider=openai&model=gpt-4o-mini");
        assertEquals(0, shipped.path("override_version").asLong());
        assertEquals("0.15", shipped.path("data").path(0).path("input").asText(), shipped.toString());

        HttpResponse<String> set = put(OVERRIDE, ADMIN_KEY);
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(1, json(set.body()).path("version").asLong());
        JsonNode now = prices("?provider=openai&model=gpt-4o-mini");
        assertEquals(1, now.path("data").size(), "the override replaces the model's whole history");
        assertEquals("1.00", now.path("data").path(0).path("input").asText());
        assertEquals("1.00", now.path("data").path(0).path("cache_read").asText(), "defaults to the input price");

        List<RequestOutcome> outcomes = new CopyOnWriteArrayList<>();
        gw.gateway().onCompletion(outcomes::add);
        HttpResponse<String> chat = gw.post("/v1/chat/completions", "{\"model\":\"fake/gpt-4o-mini\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "Authorization", "Bearer "
                + GatewayHarness.FULL_KEY);
        assertEquals(200, chat.statusCode(), chat.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (outcomes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // 11 prompt tokens (3 cached, cache read = input price here) and 7 completion tokens at 1.00 / 2.00
        assertEquals(0, new BigDecimal("0.000025").compareTo(gw.gateway().pricer().cost(outcomes.get(0)).usd()));

        JsonNode audit = json(gw.get(API + "/audit?action=prices.override", "Authorization", "Bearer " + ADMIN_KEY).body());
        assertTrue(audit.toString().contains("prices.override"), audit.toString());

        assertEquals(200, put("{\"models\":[]}", ADMIN_KEY).statusCode());
        assertEquals("0.15", prices("?provider=openai&model=gpt-4o-mini").path("data").path(0).path("input").asText());
    }

    @Test
    void policyWithoutDeclaredPrices_ranksByTheBook_andFollowsAnOverride() throws Exception {
        String policy = "{\"name\":\"book-priced\",\"quality_target\":0,\"classify_budget\":\"2s\",\"candidates\":["
                + "{\"model\":\"fake/gpt-4o\",\"quality\":0.5},{\"model\":\"fake/gpt-4o-mini\",\"quality\":0.5}]}";
        HttpResponse<String> created = gw.send(HttpRequest.newBuilder(gw.uri(API + "/policies"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(policy)).build());
        assertEquals(201, created.statusCode(), created.body());
        String ask = "{\"model\":\"book-priced\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi.\"}]}";

        HttpResponse<String> first = gw.chat(ask);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("gpt-4o-mini", gw.upstream.lastRequest().json().path("model").asText(),
                "the shipped book prices gpt-4o-mini below gpt-4o");

        assertEquals(200, put("{\"models\":[{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"effective_from\":"
                + "\"2020-01-01\",\"input\":\"50\",\"output\":\"100\"}]}", ADMIN_KEY).statusCode());
        String model = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!model.equals("gpt-4o") && System.nanoTime() < deadline) {
            assertEquals(200, gw.chat(ask).statusCode());
            model = gw.upstream.lastRequest().json().path("model").asText();
            if (!model.equals("gpt-4o")) {
                Thread.sleep(100);
            }
        }
        assertEquals("gpt-4o", model, "after the override gpt-4o is the cheaper candidate");
        JsonNode explained = json(gw.post("/v1/routing/explain", ask, "Authorization", "Bearer " + GatewayHarness.FULL_KEY)
                .body());
        assertEquals(2.5, explained.path("candidates").path(0).path("input_price").asDouble(), explained.toString());
    }

    @Test
    void override_badDocumentOrNotPlatformAdmin_refusedAndNothingChanges() {
        HttpResponse<String> negative = put("{\"models\":[{\"provider\":\"openai\",\"model\":\"x\",\"effective_from\":"
                + "\"2020-01-01\",\"input\":\"-1\",\"output\":\"1\"}]}", ADMIN_KEY);
        assertEquals(400, negative.statusCode(), negative.body());
        assertTrue(json(negative.body()).path("error").path("message").asText().contains("models[0].input"),
                negative.body());
        HttpResponse<String> noDate = put("{\"models\":[{\"provider\":\"openai\",\"model\":\"x\",\"input\":\"1\","
                + "\"output\":\"1\"}]}", ADMIN_KEY);
        assertEquals(400, noDate.statusCode(), noDate.body());
        assertEquals(400, put("{\"prices\":[]}", ADMIN_KEY).statusCode());
        assertEquals(0, prices("").path("override_version").asLong());
        assertEquals(401, put(OVERRIDE, "wrong").statusCode());
    }
}
