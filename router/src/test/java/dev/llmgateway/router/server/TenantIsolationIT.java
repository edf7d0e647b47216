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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation over HTTP: an admin of organization A tries every organization-scoped admin
 * route (taken from the OpenAPI document, so new routes are covered automatically) against
 * organization B and must get 404 each time, exactly as for an organization that does not exist;
 * the same calls on A work. Also login, lock-out and roles through the API.
 */
class TenantIsolationIT {

    private static final String API = "/admin/api/v1";
    private static final String PASSWORD = "a long enough password";
    private static GatewayHarness gw;
    private static String orgA;
    private static String orgB;
    private static final Map<String, String> B_IDS = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start();
        orgA = created(call("POST", "/orgs", "{\"name\":\"Acme\"}", ADMIN_KEY)).path("id").asText();
        orgB = created(call("POST", "/orgs", "{\"name\":\"Globex\"}", ADMIN_KEY)).path("id").asText();
        for (String org : List.of(orgA, orgB)) {
            created(call("POST", "/orgs/" + org + "/users", "{\"email\":\"admin@" + org + ".example\",\"role\":\"owner\","
                    + "\"password\":\"" + PASSWORD + "\"}", ADMIN_KEY));
        }
        B_IDS.put("team", created(call("POST", "/orgs/" + orgB + "/teams", "{\"name\":\"T\"}", ADMIN_KEY)).path("id").asText());
        B_IDS.put("user", created(call("POST", "/orgs/" + orgB + "/users", "{\"email\":\"u@b.example\",\"password\":\""
                + PASSWORD + "\"}", ADMIN_KEY)).path("id").asText());
        B_IDS.put("key", created(call("POST", "/orgs/" + orgB + "/keys", "{\"name\":\"k\"}", ADMIN_KEY)).path("id").asText());
        B_IDS.put("invitation", created(call("POST", "/orgs/" + orgB + "/invitations", "{\"email\":\"i@b.example\"}",
                ADMIN_KEY)).path("id").asText());
        B_IDS.put("budget", created(call("POST", "/orgs/" + orgB + "/budgets", "{\"period\":\"month\",\"amount_usd\":\"5\"}",
                ADMIN_KEY)).path("id").asText());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String credential) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        return gw.send(b.build());
    }

    private static JsonNode created(HttpResponse<String> res) {
        assertTrue(res.statusCode() == 201 || res.statusCode() == 200, res.body());
        return json(res.body());
    }

    private static String login(String email) {
        HttpResponse<String> res = call("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\"}", null);
        assertEquals(200, res.statusCode(), res.body());
        return json(res.body()).path("token").asText();
    }

    @Test
    void adminOfA_everyOrgScopedRouteOnB_is404_likeAnOrganizationThatDoesNotExist() {
        String session = login("admin@" + orgA + ".example");
        JsonNode paths = json(call("GET", "/openapi.json", null, null).body()).path("paths");
        List<String> tried = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().contains("{org}")) {
                continue;
            }
            for (Iterator<String> methods = e.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                for (String org : List.of(orgB, "org_doesnotexist")) {
                    String path = fill(e.getKey(), org);
                    HttpResponse<String> res = call(method, path, body, session);
                    assertEquals(404, res.statusCode(), method + " " + path + " -> " + res.body());
                    assertFalse(res.body().contains("Globex"), res.body());
                    tried.add(method + " " + path);
                }
            }
        }
        assertTrue(tried.size() >= 40, "routes tried: " + tried.size() + " " + tried);
        // the same admin works on its own organization
        assertEquals(200, call("GET", "/orgs/" + orgA + "/users", null, session).statusCode());
        assertEquals(201, call("POST", "/orgs/" + orgA + "/teams", "{\"name\":\"Mine\"}", session).statusCode());
        JsonNode orgs = json(call("GET", "/orgs", null, session).body());
        assertEquals(1, orgs.path("page").path("total").asLong(), orgs.toString());
    }

    @Test
    void adminOfA_bsSubResourcesUnderItsOwnOrg_are404() {
        String session = login("admin@" + orgA + ".example");
        for (String kind : List.of("teams/" + B_IDS.get("team"), "users/" + B_IDS.get("user"), "keys/" + B_IDS.get("key"))) {
            assertEquals(404, call("GET", "/orgs/" + orgA + "/" + kind, null, session).statusCode(), kind);
            assertEquals(404, call("DELETE", "/orgs/" + orgA + "/" + kind, null, session).statusCode(), kind);
        }
        assertEquals(404, call("DELETE", "/orgs/" + orgA + "/invitations/" + B_IDS.get("invitation"), null, session)
                .statusCode());
        assertEquals(404, call("POST", "/orgs/" + orgA + "/keys/" + B_IDS.get("key") + "/disable", null, session)
                .statusCode());
        assertEquals(404, call("GET", "/reports/usage?org_id=" + orgB, null, session).statusCode());
        assertEquals(404, call("GET", "/reports/forecast?org_id=" + orgB, null, session).statusCode());
        assertEquals(200, call("GET", "/reports/usage", null, session).statusCode(), "its own organization's report");
    }

    @Test
    void login_lockout_rolesAndLogout_throughTheApi() {
        String org = created(call("POST", "/orgs", "{\"name\":\"Lock\"}", ADMIN_KEY)).path("id").asText();
        created(call("POST", "/orgs/" + org + "/users", "{\"email\":\"v@lock.example\",\"role\":\"viewer\",\"password\":\""
                + PASSWORD + "\"}", ADMIN_KEY));
        String viewer = login("v@lock.example");
        assertEquals(200, call("GET", "/orgs/" + org + "/teams", null, viewer).statusCode());
        assertEquals(403, call("POST", "/orgs/" + org + "/teams", "{\"name\":\"x\"}", viewer).statusCode());
        JsonNode me = json(call("GET", "/auth/me", null, viewer).body());
        assertEquals("viewer", me.path("role").asText());
        assertEquals(204, call("POST", "/auth/logout", null, viewer).statusCode());
        assertEquals("session_expired", json(call("GET", "/auth/me", null, viewer).body()).path("error").path("code")
                .asText());

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = call("POST", "/auth/login", "{\"email\":\"v@lock.example\",\"password\":"
                    + "\"wrong password " + i + "\"}", null);
            assertEquals(401, wrong.statusCode(), wrong.body());
        }
        HttpResponse<String> locked = call("POST", "/auth/login", "{\"email\":\"v@lock.example\",\"password\":\""
                + PASSWORD + "\"}", null);
        assertEquals(423, locked.statusCode(), locked.body());
        assertEquals("account_locked", json(locked.body()).path("error").path("code").asText());
        assertTrue(Long.parseLong(locked.headers().firstValue("retry-after").orElseThrow()) > 0);
        JsonNode audit = json(call("GET", "/audit?action=auth.locked", null, ADMIN_KEY).body());
        assertEquals(1, audit.path("page").path("total").asLong());
        assertFalse(audit.toString().contains(PASSWORD));
    }

    private static String fill(String template, String org) {
        return template.replace("{org}", org).replace("{team}", B_IDS.get("team")).replace("{user}", B_IDS.get("user"))
                .replace("{key}", B_IDS.get("key")).replace("{invitation}", B_IDS.get("invitation"))
                .replace("{budget}", B_IDS.get("budget"));
    }
}
