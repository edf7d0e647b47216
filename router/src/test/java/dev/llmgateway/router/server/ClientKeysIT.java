package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Database client keys over the real gateway: created through the admin API, then used on the
 * client endpoints; every refusal in the caller's dialect and at once after a change.
 */
class ClientKeysIT {

    private static final String API = "/admin/api/v1";
    private static final String ORG = "org_it";
    private static final String CHAT = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
        gw.organization(ORG);
        gw.organization("org_other");
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> admin(String method, String path, String body, String credential) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return gw.send(b.build());
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return admin(method, path, body, ADMIN_KEY);
    }

    /** Creates a key in {@link #ORG} and returns the answer (with its secret in "key"). */
    private JsonNode createKey(String body) {
        HttpResponse<String> res = admin("POST", "/orgs/" + ORG + "/keys", body);
        assertEquals(201, res.statusCode(), res.body());
        return json(res.body());
    }

    private HttpResponse<String> chat(String key) {
        return gw.post("/v1/chat/completions", CHAT, "Authorization", "Bearer " + key);
    }

    /** Asserts an OpenAI-shaped refusal with this status and code. */
    private static void refused(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(code, openAiError(res).path("code").asText(), res.body());
    }

    @Test
    void lifecycle_createDisableEnableRotateDelete_eachTakesEffectOnTheNextRequest() {
        JsonNode created = createKey("{\"name\":\"ci\",\"permission\":\"read_write\"}");
        String id = created.path("id").asText();
        String key = created.path("key").asText();
        assertTrue(key.startsWith("lgw_"));
        assertEquals(Set.of("id", "org_id", "team_id", "name", "description", "prefix", "permission", "allowed_models",
                "allowed_cidrs", "expires_at", "limits", "status", "created_by", "created_at", "updated_at", "rotated_at",
                "last_used_at", "previous_valid_until", "key"), fields(created));
        assertEquals("active", created.path("status").asText());
        assertEquals("admin-key", created.path("created_by").asText());
        assertEquals(key.substring(0, 12) + "…", created.path("prefix").asText());
        HttpResponse<String> read = admin("GET", "/orgs/" + ORG + "/keys/" + id, null);
        assertFalse(read.body().contains(key), "the secret is shown once only");
        assertFalse(json(read.body()).has("key"));

        assertEquals(200, chat(key).statusCode());
        assertEquals(200, admin("POST", "/orgs/" + ORG + "/keys/" + id + "/disable", null).statusCode());
        refused(chat(key), 401, "key_disabled");
        assertEquals("disabled", json(admin("GET", "/orgs/" + ORG + "/keys/" + id, null).body()).path("status").asText());
        assertEquals(200, admin("POST", "/orgs/" + ORG + "/keys/" + id + "/enable", null).statusCode());
        assertEquals(200, chat(key).statusCode());

        HttpResponse<String> rotated = admin("POST", "/orgs/" + ORG + "/keys/" + id + "/rotate", "{\"grace_seconds\":60}");
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = json(rotated.body()).path("key").asText();
        assertFalse(json(rotated.body()).path("previous_valid_until").isNull());
        assertEquals(200, chat(second).statusCode());
        assertEquals(200, chat(key).statusCode(), "the old secret works during the grace period");

        String third = json(admin("POST", "/orgs/" + ORG + "/keys/" + id + "/rotate", "{\"grace_seconds\":0}").body())
                .path("key").asText();
        assertEquals(200, chat(third).statusCode());
        refused(chat(second), 401, "key_rotated");
        refused(chat(key), 401, "key_rotated");

        assertEquals(204, admin("DELETE", "/orgs/" + ORG + "/keys/" + id, null).statusCode());
        refused(chat(third), 401, "key_revoked");
        assertEquals(404, admin("GET", "/orgs/" + ORG + "/keys/" + id, null).statusCode());
        refused(chat("lgw_" + "x".repeat(40)), 401, "invalid_api_key");
    }

    @Test
    void databaseKey_quotaAndRateLimit_areEnforcedExactly_andOrgLimitCoversAllItsKeys() {
        JsonNode limited = createKey("{\"name\":\"quota\",\"limits\":{\"rpm\":100}}");
        String id = limited.path("id").asText();
        String key = limited.path("key").asText();
        HttpResponse<String> set = admin("PUT", "/orgs/" + ORG + "/keys/" + id + "/limits", "{\"requests_per_month\":2}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(200, chat(key).statusCode());
        assertEquals(200, chat(key).statusCode());
        HttpResponse<String> third = chat(key);
        refused(third, 429, "quota_exceeded");
        assertTrue(third.headers().firstValue("retry-after").isPresent());

        String other = createKey("{\"name\":\"unlimited\"}").path("key").asText();
        assertEquals(200, chat(other).statusCode(), "the key's limit is its own");
        assertEquals(200, admin("PUT", "/orgs/" + ORG + "/limits", "{\"requests_per_month\":4}").statusCode());
        // the organization counts from when it got its limit: 4 more for all of its keys together
        for (int i = 0; i < 4; i++) {
            assertEquals(200, chat(other).statusCode(), "request " + i);
        }
        refused(chat(other), 429, "quota_exceeded");
        JsonNode usage = json(admin("GET", "/orgs/" + ORG + "/usage", null).body());
        assertTrue(usage.toString().contains("\"requests\""), usage.toString());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void expiredKey_is401KeyExpired() throws Exception {
        Instant expiry = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        String key = createKey("{\"name\":\"short\",\"expires_at\":\"" + expiry + "\"}").path("key").asText();
        long wait = Duration.between(Instant.now(), expiry).toMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        refused(chat(key), 401, "key_expired");
    }

    @Test
    void allowedCidrsElsewhere_is403IpNotAllowedFromLoopback() {
        String key = createKey("{\"name\":\"office\",\"allowed_cidrs\":[\"10.0.0.0/8\"]}").path("key").asText();
        HttpResponse<String> res = chat(key);
        refused(res, 403, "ip_not_allowed");
        assertTrue(openAiError(res).path("message").asText().contains("127.0.0.1"), res.body());
        refused(gw.get("/v1/models", "Authorization", "Bearer " + key), 403, "ip_not_allowed");

        String local = createKey("{\"name\":\"local\",\"allowed_cidrs\":[\"10.0.0.0/8\",\"127.0.0.1\"]}")
                .path("key").asText();
        assertEquals(200, chat(local).statusCode());
    }

    @Test
    void readOnlyKey_listsModelsButMayNotRunInference() {
        String key = createKey("{\"name\":\"ro\",\"permission\":\"read_only\",\"allowed_models\":[\"fake/gpt-4o\"]}")
                .path("key").asText();
        refused(chat(key), 403, "insufficient_permission");
        HttpResponse<String> models = gw.get("/v1/models", "Authorization", "Bearer " + key);
        assertEquals(200, models.statusCode(), models.body());
        List<String> ids = new java.util.ArrayList<>();
        json(models.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertEquals(List.of("fake/gpt-4o"), ids, "/v1/models shows only the key's allowed models");
        HttpResponse<String> count = gw.post("/v1/messages/count_tokens",
                "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", key);
        assertEquals(200, count.statusCode(), count.body());
    }

    @Test
    void allowedModels_limitInferenceToThoseModels() {
        String key = createKey("{\"name\":\"one model\",\"allowed_models\":[\"fake/gpt-4o\"]}").path("key").asText();
        refused(chat(key), 403, "model_not_allowed");
        assertEquals(200, gw.post("/v1/chat/completions", CHAT.replace("gpt-4o-mini", "gpt-4o"),
                "Authorization", "Bearer " + key).statusCode());
    }

    @Test
    void anthropicDialect_refusalComesInAnthropicsShape() {
        JsonNode created = createKey("{\"name\":\"claude user\"}");
        admin("POST", "/orgs/" + ORG + "/keys/" + created.path("id").asText() + "/disable", null);
        HttpResponse<String> res = gw.post("/v1/messages",
                "{\"model\":\"fake/gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", created.path("key").asText(), "anthropic-version", "2023-06-01");
        assertEquals(401, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals("error", body.path("type").asText());
        assertEquals("authentication_error", body.path("error").path("type").asText());
        assertTrue(body.path("error").path("message").asText().contains("disabled"), res.body());
        assertEquals(2, body.size(), res.body());
    }

    @Test
    void adminPermissionKey_managesItsOwnOrganizationOnly() {
        String adminKey = createKey("{\"name\":\"ops\",\"permission\":\"admin\"}").path("key").asText();
        String plainKey = createKey("{\"name\":\"app\"}").path("key").asText();

        HttpResponse<String> list = admin("GET", "/orgs/" + ORG + "/keys", null, adminKey);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(2, json(list.body()).path("page").path("total").asLong());
        assertEquals(404, admin("GET", "/orgs/org_other/keys", null, adminKey).statusCode());
        HttpResponse<String> made = admin("POST", "/orgs/" + ORG + "/keys", "{\"name\":\"made by key\"}", adminKey);
        assertEquals(201, made.statusCode(), made.body());
        assertTrue(json(made.body()).path("created_by").asText().startsWith("key_"));
        assertEquals(200, chat(adminKey).statusCode(), "an admin key may also run inference");

        assertEquals("key_not_admin", json(admin("GET", "/orgs/" + ORG + "/keys", null, plainKey).body())
                .path("error").path("code").asText());
        assertEquals(403, admin("GET", "/orgs/" + ORG + "/keys", null, plainKey).statusCode());
    }

    @Test
    void adminApi_badInputIs400NamingTheField_andFiltersWork() {
        HttpResponse<String> bad = admin("POST", "/orgs/" + ORG + "/keys",
                "{\"name\":\"k\",\"allowed_cidrs\":[\"10.1.2.3/8\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("allowed_cidrs", json(bad.body()).path("error").path("param").asText());
        assertEquals(400, admin("POST", "/orgs/" + ORG + "/keys", "{\"name\":\"k\",\"expires_at\":\"2000-01-01T00:00:00Z\"}")
                .statusCode());
        assertEquals(404, admin("POST", "/orgs/org_missing/keys", "{\"name\":\"k\"}").statusCode());

        String a = createKey("{\"name\":\"alpha\",\"limits\":{\"rpm\":10}}").path("id").asText();
        createKey("{\"name\":\"beta\"}");
        admin("POST", "/orgs/" + ORG + "/keys/" + a + "/disable", null);
        JsonNode disabled = json(admin("GET", "/orgs/" + ORG + "/keys?status=disabled", null).body());
        assertEquals(1, disabled.path("page").path("total").asLong());
        JsonNode alpha = disabled.path("data").path(0);
        assertEquals("alpha", alpha.path("name").asText());
        ObjectNode limits = (ObjectNode) json("{\"rpm\":10,\"tpm\":null,\"concurrency\":null}");
        assertEquals(limits, alpha.path("limits"));
        assertEquals(1, json(admin("GET", "/orgs/" + ORG + "/keys?name=ET", null).body()).path("page").path("total").asLong());
        assertEquals(400, admin("GET", "/orgs/" + ORG + "/keys?status=gone", null).statusCode());

        HttpResponse<String> patched = admin("PATCH", "/orgs/" + ORG + "/keys/" + a,
                "{\"description\":\"renamed\",\"limits\":{\"rpm\":null}}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("renamed", json(patched.body()).path("description").asText());
        assertTrue(json(patched.body()).path("limits").path("rpm").isNull());
        assertEquals("org_id", json(admin("PATCH", "/orgs/" + ORG + "/keys/" + a, "{\"org_id\":\"org_other\"}").body())
                .path("error").path("param").asText());
    }
}
