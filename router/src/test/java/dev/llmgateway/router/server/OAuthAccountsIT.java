package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.oauth.Pkce;
import dev.llmgateway.store.Rows;
import dev.llmgateway.testing.FakeAuthServer;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claude Code OAuth accounts end to end: a fake authorization server, the gateway, and a fake
 * Anthropic API. Authorization with PKCE, requests with the bearer token, beta and identity line,
 * single-flight refresh, revocation, the 401 retry, and the operator opt-in.
 */
class OAuthAccountsIT {

    static final String API = "/admin/api/v1";
    static final String IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
    static final String ANSWER = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":3}}
            """;
    static final String CLAUDE_PROVIDER = """
                  type: ANTHROPIC
                  base-uri: %FAKE%
                  models: [claude-sonnet-4-5]
            """;

    private FakeAuthServer auth;
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    /** A gateway with subscription OAuth on (or off) and Claude Code's endpoints at the fake server. */
    static GatewayHarness gateway(FakeAuthServer auth, boolean allow) {
        return GatewayHarness.startTopLevel("", "", CLAUDE_PROVIDER, """
                accounts:
                  allow-subscription-oauth: %s
                  oauth:
                    background-refresh: false
                    claude-code:
                      authorize-uri: %s
                      token-uri: %s
                """.formatted(allow, auth.authorizeUri(), auth.tokenUri()));
    }

    static HttpResponse<String> admin(GatewayHarness gw, String method, String path, String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> messages(GatewayHarness gw, String system) {
        return gw.post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":50,"system":"%s",
                 "messages":[{"role":"user","content":"hi"}]}
                """.formatted(system), "x-api-key", FULL_KEY, "anthropic-version", "2023-06-01",
                "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Adds fake/max and authorizes it; returns the authorization URL's query. */
    static Map<String, String> addAndAuthorize(GatewayHarness gw) {
        HttpResponse<String> added = admin(gw, "POST", "/accounts/oauth", "{\"type\":\"claude-code\",\"name\":\"max\"}");
        assertEquals(201, added.statusCode(), added.body());
        HttpResponse<String> started = admin(gw, "POST", "/accounts/fake/max/oauth/start", null);
        assertEquals(200, started.statusCode(), started.body());
        JsonNode start = json(started.body());
        Map<String, String> q = query(start.path("authorization_url").asText());
        HttpResponse<String> done = admin(gw, "POST", "/accounts/fake/max/oauth/callback",
                "{\"code\":\"the-code\",\"state\":\"" + start.path("state").asText() + "\"}");
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("active", json(done.body()).path("status").asText());
        return q;
    }

    @Test
    void fullFlow_startCallbackThenRequest_reachesTheUpstreamWithBearerBetaAndIdentityLine() throws Exception {
        auth = FakeAuthServer.start();
        gw = gateway(auth, true);

        HttpResponse<String> added = admin(gw, "POST", "/accounts/oauth", "{\"type\":\"claude-code\",\"name\":\"max\"}");
        assertEquals(201, added.statusCode(), added.body());
        JsonNode account = json(added.body());
        assertEquals("fake/max", account.path("id").asText());
        assertEquals("claude-code-oauth", account.path("type").asText());
        assertEquals("disabled", account.path("status").asText(), "no traffic before authorization");
        assertTrue(account.path("disabled_reason").asText().contains("waiting for OAuth authorization"), added.body());

        JsonNode start = json(admin(gw, "POST", "/accounts/fake/max/oauth/start", null).body());
        String url = start.path("authorization_url").asText();
        assertTrue(url.startsWith(auth.authorizeUri() + "?"), url);
        Map<String, String> q = query(url);
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("9d1c250a-e61b-44d9-88ed-5944d1962f5e", q.get("client_id"));
        assertEquals(start.path("state").asText(), q.get("state"));
        assertEquals("org:create_api_key user:profile user:inference", q.get("scope"));

        // Claude's page shows "code#state"; pasting that alone is enough
        HttpResponse<String> done = admin(gw, "POST", "/accounts/fake/max/oauth/callback",
                "{\"code\":\"the-code#" + start.path("state").asText() + "\"}");
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("active", json(done.body()).path("status").asText());
        FakeAuthServer.Call exchange = auth.calls().get(0);
        assertEquals("application/json", exchange.contentType());
        assertEquals("authorization_code", exchange.grantType());
        assertEquals("the-code", exchange.params().get("code"));
        assertEquals(q.get("code_challenge"), Pkce.challenge(exchange.params().get("code_verifier")),
                "the verifier kept on the server matches the challenge sent in the URL");

        gw.upstream.enqueue(Reply.json(200, ANSWER));
        HttpResponse<String> res = messages(gw, "Be brief.");

        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest up = gw.upstream.lastRequest();
        assertEquals("Bearer access-1", up.header("authorization").orElseThrow());
        assertTrue(up.header("x-api-key").isEmpty(), up.headers().toString());
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14,oauth-2025-04-20",
                up.header("anthropic-beta").orElseThrow());
        assertEquals(json("[{\"type\":\"text\",\"text\":\"" + IDENTITY + "\"},{\"type\":\"text\",\"text\":\"Be brief.\"}]"),
                up.json().path("system"));

        String sealed = gw.gateway().tenancy().database().execute()
                .get("SELECT access_sealed, refresh_sealed FROM upstream_accounts WHERE id = 'fake/max'")
                .map(r -> Rows.requiredString(r, "access_sealed") + Rows.requiredString(r, "refresh_sealed"))
                .orElseThrow();
        assertFalse(sealed.contains("access-1") || sealed.contains("refresh-1"), "tokens are sealed at rest");
        for (String path : List.of("/accounts", "/oauth/status", "/audit")) {
            String body = admin(gw, "GET", path, null).body();
            assertFalse(body.contains("access-1") || body.contains("refresh-1"), path + " leaks a token: " + body);
        }
    }

    @Test
    void concurrentRequests_whileTheTokenIsAboutToExpire_makeExactlyOneRefreshCall() throws Exception {
        auth = FakeAuthServer.start();
        auth.expiresIn(5); // inside the 30 s margin: every request wants a fresh token
        gw = gateway(auth, true);
        addAndAuthorize(gw);
        auth.expiresIn(3600);
        auth.answer(call -> {
            FakeAuthServer.Answer a = auth.grant(call);
            return new FakeAuthServer.Answer(a.status(), a.body(), Duration.ofMillis(300)); // requests pile up
        });
        int n = 20;
        for (int i = 0; i < n; i++) {
            gw.upstream.enqueue(Reply.json(200, ANSWER));
        }

        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> messages(gw, "Be brief.")));
            }
        }

        for (Future<HttpResponse<String>> f : futures) {
            assertEquals(200, f.get().statusCode(), f.get().body());
        }
        assertEquals(1, auth.count("refresh_token"), "one refresh for all " + n + " requests");
        assertEquals("refresh-1", auth.calls().get(1).params().get("refresh_token"));
        assertEquals(n, gw.upstream.requests().size());
        assertTrue(gw.upstream.requests().stream()
                .allMatch(r -> r.header("authorization").orElse("").equals("Bearer access-2")));
    }

    @Test
    void revokedRefreshToken_disablesTheAccount_andReportsWhy() {
        auth = FakeAuthServer.start();
        auth.expiresIn(5);
        gw = gateway(auth, true);
        addAndAuthorize(gw);
        auth.answer(call -> FakeAuthServer.invalidGrant());

        HttpResponse<String> res = messages(gw, "Be brief.");

        assertTrue(res.statusCode() >= 500, res.statusCode() + " " + res.body());
        assertEquals(0, gw.upstream.requests().size(), "no request with a revoked grant");
        JsonNode status = json(admin(gw, "GET", "/oauth/status", null).body()).path("data").get(0);
        assertEquals("revoked", status.path("status").asText(), status.toString());
        assertTrue(status.path("last_error").asText().contains("invalid_grant"), status.toString());
        assertTrue(status.path("expires_at").isNull(), "the tokens were dropped");
        JsonNode account = json(admin(gw, "GET", "/accounts/fake/max", null).body());
        assertEquals("disabled", account.path("status").asText());
        assertTrue(account.path("disabled_reason").asText().contains("OAuth refresh token rejected"), account.toString());
        JsonNode audit = json(admin(gw, "GET", "/audit?action=account.oauth_revoked", null).body());
        assertEquals(1, audit.path("data").size(), audit.toString());

        HttpResponse<String> refresh = admin(gw, "POST", "/accounts/fake/max/oauth/refresh", null);
        assertEquals(409, refresh.statusCode(), refresh.body());
        assertEquals("oauth_revoked", json(refresh.body()).path("error").path("code").asText());
        messages(gw, "again");
        assertEquals(1, auth.count("refresh_token"), "a revoked account is not refreshed again");

        auth.answer(auth::grant); // authorizing again brings it back
        addAgain(gw);
        gw.upstream.enqueue(Reply.json(200, ANSWER));
        assertEquals(200, messages(gw, "Be brief.").statusCode());
    }

    private static void addAgain(GatewayHarness gw) {
        JsonNode start = json(admin(gw, "POST", "/accounts/fake/max/oauth/start", null).body());
        HttpResponse<String> done = admin(gw, "POST", "/accounts/fake/max/oauth/callback",
                "{\"code\":\"again\",\"state\":\"" + start.path("state").asText() + "\"}");
        assertEquals(200, done.statusCode(), done.body());
    }

    @Test
    void upstream401_refreshesOnceAndRetries_aSecond401DisablesTheAccount() {
        auth = FakeAuthServer.start();
        gw = gateway(auth, true);
        addAndAuthorize(gw);
        String unauthorized = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"OAuth token has expired.\"}}";
        gw.upstream.enqueue(Reply.json(401, unauthorized), Reply.json(200, ANSWER));

        HttpResponse<String> ok = messages(gw, "Be brief.");

        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(1, auth.count("refresh_token"));
        List<RecordedRequest> ups = gw.upstream.requests();
        assertEquals("Bearer access-1", ups.get(0).header("authorization").orElseThrow());
        assertEquals("Bearer access-2", ups.get(1).header("authorization").orElseThrow());

        gw.upstream.enqueue(Reply.json(401, unauthorized), Reply.json(401, unauthorized));
        HttpResponse<String> refused = messages(gw, "Be brief.");

        assertTrue(refused.statusCode() >= 500, refused.body());
        assertEquals(2, auth.count("refresh_token"), "one refresh per upstream 401, then no more");
        assertEquals("disabled", json(admin(gw, "GET", "/accounts/fake/max", null).body()).path("status").asText());
    }

    @Test
    void optInOff_addingAnOAuthAccount_isRefusedNamingTheSetting() {
        auth = FakeAuthServer.start();
        gw = gateway(auth, false);

        HttpResponse<String> res = admin(gw, "POST", "/accounts/oauth", "{\"type\":\"claude-code\",\"name\":\"max\"}");

        assertEquals(403, res.statusCode(), res.body());
        JsonNode error = json(res.body()).path("error");
        assertEquals("subscription_oauth_disabled", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("accounts.allow-subscription-oauth"), res.body());
        assertEquals(404, admin(gw, "GET", "/accounts/fake/max", null).statusCode(), "nothing was added");
        assertFalse(json(admin(gw, "GET", "/oauth/status", null).body()).path("allow_subscription_oauth").asBoolean());
    }

    @Test
    void badInput_isA400NamingTheField() {
        auth = FakeAuthServer.start();
        gw = gateway(auth, true);

        assertEquals("type", error(admin(gw, "POST", "/accounts/oauth", "{\"name\":\"max\"}")).path("param").asText());
        assertEquals("type", error(admin(gw, "POST", "/accounts/oauth", "{\"type\":\"codex\",\"name\":\"max\"}"))
                .path("param").asText());
        assertEquals("provider", error(admin(gw, "POST", "/accounts/oauth",
                "{\"type\":\"gemini-cli\",\"name\":\"me\"}")).path("param").asText(), "no Gemini-type provider");
        assertEquals(201, admin(gw, "POST", "/accounts/oauth", "{\"type\":\"claude-code\",\"name\":\"max\"}")
                .statusCode());
        assertEquals("state", error(admin(gw, "POST", "/accounts/fake/max/oauth/callback",
                "{\"code\":\"c\",\"state\":\"forged\"}")).path("param").asText());
        assertEquals("code", error(admin(gw, "POST", "/accounts/fake/max/oauth/callback", "{}")).path("param").asText());
        assertEquals(404, admin(gw, "POST", "/accounts/fake/nobody/oauth/start", null).statusCode());
        assertEquals(409, admin(gw, "POST", "/accounts/fake/max/oauth/refresh", null).statusCode(), "still pending");
        assertEquals(0, auth.calls().size());
    }

    private static JsonNode error(HttpResponse<String> res) {
        assertEquals(400, res.statusCode(), res.body());
        return json(res.body()).path("error");
    }
}
