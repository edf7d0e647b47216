package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API's OpenAPI document and the audit log, over a real socket. */
class AdminOpenApiIT {

    private static final String API = "/admin/api/v1";
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void openApi_withoutCredentials_describesEveryRouteWithItsSecurity() {
        gw = GatewayHarness.start("", "", AdminApiIT.THREE_ACCOUNTS);

        HttpResponse<String> res = gw.get(API + "/openapi.json");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode doc = json(res.body());
        assertEquals("3.1.0", doc.path("openapi").asText());
        JsonNode paths = doc.path("paths");
        for (String path : new String[] {"/status", "/accounts", "/accounts/{provider}/{name}/disable", "/audit",
                "/audit/verify", "/openapi.json"}) {
            assertTrue(paths.has(path), "missing " + path + " in " + paths.fieldNames());
        }
        JsonNode disable = paths.path("/accounts/{provider}/{name}/disable").path("post");
        assertEquals(2, disable.path("parameters").size());
        assertEquals("bearer", disable.path("security").get(0).fieldNames().next());
        assertEquals(0, paths.path("/openapi.json").path("get").path("security").size(), "the document is open");
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            e.getValue().fields().forEachRemaining(op -> {
                assertFalse(op.getValue().path("summary").asText().isBlank(), e.getKey() + " " + op.getKey());
                assertTrue(op.getValue().path("responses").has("404"), e.getKey());
            });
        }
    }

    @Test
    void disableAccount_isInTheAuditLog_withWhoWhatAndFromWhere_andTheChainVerifies() {
        gw = GatewayHarness.start("", "", AdminApiIT.THREE_ACCOUNTS);

        HttpResponse<String> disabled = gw.send(HttpRequest.newBuilder(gw.uri(API + "/accounts/fake/second/disable"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, disabled.statusCode(), disabled.body());

        HttpResponse<String> list = gw.get(API + "/audit?action=account.disable", "Authorization", "Bearer " + ADMIN_KEY);
        assertEquals(200, list.statusCode(), list.body());
        JsonNode body = json(list.body());
        assertEquals(1, body.path("page").path("total").asLong(), list.body());
        JsonNode entry = body.path("data").get(0);
        assertEquals("platform_admin", entry.path("actor").path("type").asText());
        assertEquals("fake/second", entry.path("target").path("id").asText());
        assertEquals("127.0.0.1", entry.path("remote_address").asText());
        assertEquals("disabled", entry.path("details").path("status").path("to").asText(), entry.toString());
        assertFalse(list.body().contains(ADMIN_KEY));

        JsonNode verify = json(gw.get(API + "/audit/verify", "Authorization", "Bearer " + ADMIN_KEY).body());
        assertTrue(verify.path("intact").asBoolean(), verify.toString());
        assertEquals(1, verify.path("rows_checked").asLong());

        HttpResponse<String> badTime = gw.get(API + "/audit?from=yesterday", "Authorization", "Bearer " + ADMIN_KEY);
        assertEquals(400, badTime.statusCode());
        assertEquals("from", json(badTime.body()).path("error").path("param").asText());
    }
}
