package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import dev.llmgateway.router.pool.AccountStatus;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin REST API over a real socket: authentication, account views and switches, status and stats. */
class AdminApiIT {

    static final String CHAT = chat("hi");
    static final String THREE_ACCOUNTS = """
                  base-uri: %FAKE%
                  models: [gpt-4o-mini, gpt-4o]
                  strategy: fill-first
                  accounts:
                    - {name: first, api-key: sk-account-first-0000aaaa, priority: 1}
                    - {name: second, api-key: sk-account-second-0000bbbb, priority: 2}
                    - {name: third, api-key: sk-account-third-0000cccc, priority: 3}
            """;
    static final List<String> SECRETS = List.of("sk-account-first-0000aaaa", "sk-account-second-0000bbbb",
            "sk-account-third-0000cccc", ADMIN_KEY, GatewayHarness.FULL_KEY, GatewayHarness.LIMITED_KEY);
    private static final String API = "/admin/api/v1";

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private HttpResponse<String> adminGet(String path) {
        return gw.get(API + path, "Authorization", "Bearer " + ADMIN_KEY);
    }

    private HttpResponse<String> adminPost(String path) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A chat with its own opening, so session affinity does not pin it to the account of an earlier one. */
    static String chat(String text) {
        return "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    static String keyOf(RecordedRequest r) {
        return r.header("authorization").orElseThrow().substring("Bearer ".length());
    }

    /** Asserts {"error":{"message","type","code"}} and nothing else; returns the code. */
    static String adminError(HttpResponse<String> res, int status) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals("application/json", res.headers().firstValue("content-type").orElseThrow());
        JsonNode root = json(res.body());
        JsonNode error = root.path("error");
        assertEquals(1, root.size(), res.body());
        assertEquals(3, error.size(), res.body());
        assertTrue(error.path("message").isTextual() && error.path("type").isTextual()
                && error.path("code").isTextual(), res.body());
        return error.path("code").asText();
    }

    @Test
    void withoutOrWithWrongKey_is401_withTheAdminErrorShape() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);

        assertEquals("missing_admin_key", adminError(gw.get(API + "/accounts"), 401));
        assertEquals("invalid_admin_key", adminError(gw.get(API + "/accounts", "Authorization", "Bearer nope"), 401));
        assertEquals("invalid_admin_key", adminError(gw.get(API + "/accounts", "Authorization",
                "Bearer " + GatewayHarness.FULL_KEY), 401), "a client key is not an admin key");
        assertEquals("missing_admin_key", adminError(gw.get(API + "/no-such-route"), 401), "auth comes before routing");
        HttpResponse<String> res = gw.get(API + "/accounts");
        assertTrue(res.headers().firstValue("www-authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void adminKey_inBearerOrXApiKey_isAccepted_andUnknownRoutesAre404() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);

        assertEquals(200, adminGet("/accounts").statusCode());
        assertEquals(200, gw.get(API + "/accounts", "x-api-key", ADMIN_KEY).statusCode());
        assertEquals("admin_route_not_found", adminError(adminGet("/no-such-route"), 404));
        assertEquals("admin_route_not_found", adminError(adminGet("/accounts/fake/first/disable"), 404), "switches are POST");
    }

    @Test
    void noAdminKeyConfigured_is403SayingSo() throws Exception {
        GatewayConfig config = new GatewayConfig(Files.createTempDirectory("llmgw-admin"), "INFO", false,
                new GatewayConfig.Server("127.0.0.1", 0, 65_536, List.of()),
                new GatewayConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(2)),
                new GatewayConfig.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                Map.of("fake", new GatewayConfig.Provider("fake", GatewayConfig.ProviderType.OPENAI,
                        URI.create("http://127.0.0.1:9/v1"), Optional.of(new Secret("sk-unused-0000000000")),
                        List.of(), Map.of())),
                Map.of(), new GatewayConfig.Security(Optional.empty(), List.of()));
        try (GatewayServer server = GatewayServer.start(config, Clock.systemUTC())) {
            HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + API + "/status"))
                            .header("Authorization", "Bearer anything").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("admin_api_disabled", adminError(res, 403));
            assertTrue(json(res.body()).path("error").path("message").asText().contains("no admin key is configured"));
        }
    }

    @Test
    void listAccounts_showsEveryAccountWithHealthAndAMaskedKey() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.rateLimited("30"), Reply.chat("ok"));
        gw.chat(CHAT);

        JsonNode data = json(adminGet("/accounts").body()).path("data");

        assertEquals(3, data.size());
        JsonNode first = data.get(0);
        assertEquals("fake/first", first.path("id").asText());
        assertEquals("first", first.path("name").asText());
        assertEquals("fake", first.path("provider").asText());
        assertEquals(1, first.path("priority").asInt());
        assertEquals("cooling_down", first.path("status").asText());
        assertEquals("sk-…aaaa", first.path("key_hint").asText());
        JsonNode health = first.path("health").path("gpt-4o");
        assertEquals("cooling_down", health.path("status").asText());
        assertTrue(health.path("until").isTextual());
        assertTrue(health.path("reason").asText().startsWith("rate limited"));
        assertEquals(0, first.path("in_flight").asInt());
        JsonNode second = data.get(1);
        assertEquals("healthy", second.path("status").asText());
        assertTrue(second.path("latency_ewma_ms").isNumber());
        assertTrue(data.get(2).path("latency_ewma_ms").isNull(), "never used");
        assertEquals(0, first.path("limits").path("max_concurrency").asInt());
    }

    @Test
    void oneAccount_byProviderAndName_or404() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);

        assertEquals("fake/second", json(adminGet("/accounts/fake/second").body()).path("id").asText());
        assertEquals("not_found", adminError(adminGet("/accounts/fake/nope"), 404));
        assertEquals("not_found", adminError(adminPost("/accounts/nope/first/disable"), 404));
    }

    @Test
    void disabledAccount_stopsReceivingTraffic_untilEnabled() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.chat(CHAT);
        assertEquals("sk-account-first-0000aaaa", keyOf(gw.upstream.lastRequest()));

        HttpResponse<String> disabled = adminPost("/accounts/fake/first/disable");

        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals("disabled", json(disabled.body()).path("status").asText());
        assertEquals("disabled by an operator", json(disabled.body()).path("disabled_reason").asText());
        int before = gw.upstream.requests().size();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gw.chat(chat("while disabled " + i)).statusCode());
        }
        List<String> keys = gw.upstream.requests().stream().skip(before).map(AdminApiIT::keyOf).toList();
        assertEquals(List.of("sk-account-second-0000bbbb", "sk-account-second-0000bbbb",
                "sk-account-second-0000bbbb"), keys);

        HttpResponse<String> enabled = adminPost("/accounts/fake/first/enable");

        assertEquals("healthy", json(enabled.body()).path("status").asText());
        assertTrue(json(enabled.body()).path("disabled_reason").isNull());
        gw.chat(chat("after enabling"));
        assertEquals("sk-account-first-0000aaaa", keyOf(gw.upstream.lastRequest()));
        assertEquals(AccountStatus.HEALTHY, gw.server.gateway().accounts().pool().status("fake/first")
                .orElseThrow().status());
    }

    @Test
    void status_showsVersionUptimeProvidersAndKeyCount() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        adminPost("/accounts/fake/third/disable");

        JsonNode s = json(adminGet("/status").body());

        assertFalse(s.path("version").asText().isEmpty());
        assertTrue(s.path("uptime_seconds").asLong() >= 0);
        assertTrue(s.path("started_at").isTextual());
        assertEquals(2, s.path("client_keys").asInt());
        JsonNode p = s.path("providers").get(0);
        assertEquals("fake", p.path("name").asText());
        assertEquals("openai", p.path("type").asText());
        assertEquals("127.0.0.1", p.path("host").asText(), "host only: no port, no path");
        assertEquals(3, p.path("accounts").path("total").asInt());
        assertEquals(2, p.path("accounts").path("healthy").asInt());
        assertEquals(1, p.path("accounts").path("disabled").asInt());
    }

    @Test
    void stats_countRequestsFailuresAndFailovers_perAccountAndProvider() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.error(500, "down"), Reply.chat("ok"), Reply.chat("ok"));
        gw.chat(chat("one"));
        gw.chat(chat("two"));

        JsonNode s = json(adminGet("/stats").body());

        JsonNode first = s.path("accounts").get(0);
        assertEquals("fake/first", first.path("id").asText());
        assertEquals(2, first.path("requests").asLong());
        assertEquals(1, first.path("successes").asLong());
        assertEquals(1, first.path("failures").path("server").asLong());
        JsonNode second = s.path("accounts").get(1);
        assertEquals(1, second.path("requests").asLong());
        assertEquals(1, second.path("failovers").asLong());
        JsonNode provider = s.path("providers").get(0);
        assertEquals("fake", provider.path("name").asText());
        assertEquals(3, provider.path("requests").asLong());
        assertEquals(2, provider.path("successes").asLong());
        assertEquals(1, provider.path("failures").path("total").asLong());
        assertEquals(1, provider.path("failovers").asLong());
    }

    @Test
    void noAdminResponse_containsAnyConfiguredSecret() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.error(401, "bad key sk-account-first-0000aaaa"), Reply.chat("ok"));
        gw.chat(CHAT);
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(adminGet("/status"));
        responses.add(adminGet("/accounts"));
        responses.add(adminGet("/accounts/fake/first"));
        responses.add(adminPost("/accounts/fake/second/disable"));
        responses.add(adminPost("/accounts/fake/second/enable"));
        responses.add(adminGet("/stats"));
        responses.add(adminPost("/health-check"));
        responses.add(adminGet("/nope"));
        responses.add(gw.get(API + "/accounts", "Authorization", "Bearer " + ADMIN_KEY + "x"));

        for (HttpResponse<String> res : responses) {
            for (String secret : SECRETS) {
                assertFalse(res.body().contains(secret), res.uri() + " leaks a secret: " + res.body());
                assertFalse(res.body().contains(secret.substring(0, secret.length() - 4)), res.uri() + " leaks most of a secret");
            }
        }
    }
}
