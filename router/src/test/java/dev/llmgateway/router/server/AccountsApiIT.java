package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.store.Rows;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstream accounts added and removed at run time through the admin API, their keys sealed at rest. */
class AccountsApiIT {

    private static final String API = "/admin/api/v1";
    private static final String NEW_SECRET = "sk-added-at-runtime-0000dddd";
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void addAccount_takesTrafficAtOnce_keyMaskedEverywhere_andSealedInTheDatabase() throws Exception {
        gw = GatewayHarness.start("", "", AdminApiIT.THREE_ACCOUNTS);

        HttpResponse<String> added = admin("POST", "/accounts", "{\"provider\":\"fake\",\"name\":\"extra\",\"api_key\":\""
                + NEW_SECRET + "\",\"models\":[\"gpt-4o\"],\"priority\":0}");
        assertEquals(201, added.statusCode(), added.body());
        JsonNode account = json(added.body());
        assertEquals("fake/extra", account.path("id").asText());
        assertEquals("api", account.path("source").asText());
        assertFalse(added.body().contains(NEW_SECRET));

        // fill-first with priority 0 puts the new account first
        assertEquals(200, gw.chat(AdminApiIT.chat("via extra")).statusCode());
        assertEquals(NEW_SECRET, AdminApiIT.keyOf(gw.upstream.lastRequest()));

        String list = admin("GET", "/accounts", null).body();
        assertFalse(list.contains(NEW_SECRET));
        assertTrue(list.contains("sk-…dddd"), list);

        String sealed = gw.gateway().tenancy().database().execute()
                .get("SELECT secret_sealed FROM upstream_accounts WHERE id = 'fake/extra'")
                .map(r -> Rows.requiredString(r, "secret_sealed")).orElseThrow();
        assertTrue(sealed.startsWith("v1:") && !sealed.contains("dddd"), sealed);
        JsonNode audit = json(admin("GET", "/audit?action=account.add", null).body());
        assertEquals("fake/extra", audit.path("data").get(0).path("target").path("id").asText());
        assertFalse(audit.toString().contains(NEW_SECRET));
        assertFalse(Files.readString(gw.dataDir().resolve("llm-gateway.mv.db"), StandardCharsets.ISO_8859_1)
                .contains(NEW_SECRET));
    }

    @Test
    void removeAccount_stopsTraffic_configAccountsAndUnknownOnesAreRefusedClearly() {
        gw = GatewayHarness.start("", "", AdminApiIT.THREE_ACCOUNTS);
        assertEquals(201, admin("POST", "/accounts", "{\"provider\":\"fake\",\"name\":\"extra\",\"api_key\":\""
                + NEW_SECRET + "\"}").statusCode());
        assertEquals(409, admin("POST", "/accounts", "{\"provider\":\"fake\",\"name\":\"extra\",\"api_key\":\""
                + NEW_SECRET + "\"}").statusCode(), "a live account of that id exists");

        assertEquals(204, admin("DELETE", "/accounts/fake/extra", null).statusCode());
        assertEquals(404, admin("GET", "/accounts/fake/extra", null).statusCode());
        assertEquals(200, gw.chat(AdminApiIT.chat("after removal")).statusCode());
        assertFalse(AdminApiIT.keyOf(gw.upstream.lastRequest()).equals(NEW_SECRET));

        HttpResponse<String> config = admin("DELETE", "/accounts/fake/first", null);
        assertEquals("account_in_config", AdminApiIT.adminError(config, 409));
        assertEquals(404, admin("DELETE", "/accounts/fake/nope", null).statusCode());
        HttpResponse<String> noKey = admin("POST", "/accounts", "{\"provider\":\"fake\",\"name\":\"x\"}");
        assertEquals("api_key", json(noKey.body()).path("error").path("param").asText());
        HttpResponse<String> badProvider = admin("POST", "/accounts", "{\"provider\":\"nope\",\"name\":\"x\","
                + "\"api_key\":\"" + NEW_SECRET + "\"}");
        assertEquals(400, badProvider.statusCode());
        assertFalse(badProvider.body().contains(NEW_SECRET));
        HttpResponse<String> client = gw.send(HttpRequest.newBuilder(gw.uri(API + "/accounts"))
                .header("Authorization", "Bearer " + GatewayHarness.FULL_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(401, client.statusCode(), "a client key is not an admin credential");
    }
}
