package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.OAuthAccountsIT.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.FakeAuthServer;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in's start-up notice, the background refresh, and Gemini CLI accounts through a Gemini provider. */
class OAuthLifecycleIT {

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

    private static final class Capture extends Handler {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            messages.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static List<String> startupLog(FakeAuthServer auth, boolean allow) {
        Logger log = Logger.getLogger("llmgw.oauth");
        Capture capture = new Capture();
        log.addHandler(capture);
        try (GatewayHarness g = OAuthAccountsIT.gateway(auth, allow)) {
            return List.copyOf(capture.messages);
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void optIn_isAnnouncedAtStartUp_namingTheProvidersTerms() {
        auth = FakeAuthServer.start();

        List<String> on = startupLog(auth, true);
        List<String> off = startupLog(auth, false);

        assertTrue(on.stream().anyMatch(m -> m.contains("accounts.allow-subscription-oauth is on")
                && m.contains("governed by the provider's terms")), on.toString());
        assertTrue(off.stream().noneMatch(m -> m.contains("terms")), off.toString());
    }

    @Test
    void backgroundRefresh_renewsATokenBeforeItExpires_withoutAnyRequest() throws Exception {
        auth = FakeAuthServer.start().expiresIn(120); // inside refresh-before (5 m) once authorized
        gw = GatewayHarness.startTopLevel("", "", OAuthAccountsIT.CLAUDE_PROVIDER, """
                accounts:
                  allow-subscription-oauth: true
                  oauth:
                    refresh-check-interval: 100ms
                    claude-code:
                      token-uri: %s
                """.formatted(auth.tokenUri()));
        OAuthAccountsIT.addAndAuthorize(gw);
        auth.expiresIn(3600);

        long deadline = System.currentTimeMillis() + 10_000;
        while (auth.count("refresh_token") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // a few more checks: the new token is not due, so no second refresh

        assertEquals(1, auth.count("refresh_token"));
        JsonNode status = json(admin(gw, "GET", "/oauth/status", null).body()).path("data").get(0);
        assertTrue(status.path("expires_in_seconds").asLong() > 3500, status.toString());
    }

    @Test
    void geminiCliAccount_exchangesTheGoogleWay_andCallsCodeAssistWithABearerToken() {
        auth = FakeAuthServer.start();
        gw = GatewayHarness.startTopLevel("", "", """
                      type: GEMINI
                      base-uri: %FAKE%
                      models: [gemini-2.5-flash]
                """, """
                accounts:
                  allow-subscription-oauth: true
                  oauth:
                    gemini-cli:
                      token-uri: %s
                      client-secret: test-client-secret
                """.formatted(auth.tokenUri()));
        // Code Assist at the fake (default: cloudcode-pa.googleapis.com); CodeAssistIT covers the envelope
        assertEquals(201, admin(gw, "POST", "/accounts/oauth", "{\"type\":\"gemini-cli\",\"name\":\"me\","
                + "\"project\":\"p-1\",\"base_uri\":\"http://127.0.0.1:" + gw.upstream.port() + "\"}").statusCode());
        JsonNode start = json(admin(gw, "POST", "/accounts/fake/me/oauth/start", null).body());
        assertTrue(start.path("authorization_url").asText().startsWith("https://accounts.google.com/o/oauth2/v2/auth?"));
        assertEquals("offline", OAuthAccountsIT.query(start.path("authorization_url").asText()).get("access_type"));
        assertEquals(200, admin(gw, "POST", "/accounts/fake/me/oauth/callback", "{\"code\":\"4/0Ab\",\"state\":\""
                + start.path("state").asText() + "\"}").statusCode());
        FakeAuthServer.Call exchange = auth.calls().get(0);
        assertEquals("application/x-www-form-urlencoded", exchange.contentType());
        assertEquals("test-client-secret", exchange.params().get("client_secret"));
        assertEquals("4/0Ab", exchange.params().get("code"));

        gw.upstream.enqueue(Reply.json(200, "{\"response\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],"
                + "\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
                + "\"candidatesTokenCount\":1,\"totalTokenCount\":4}}}"));
        HttpResponse<String> res = gw.post("/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", FULL_KEY);

        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest up = gw.upstream.lastRequest();
        assertEquals("Bearer access-1", up.header("authorization").orElseThrow());
        assertFalse(up.header("x-goog-api-key").isPresent(), up.headers().toString());
        assertEquals("/v1internal:generateContent", up.path());
        assertEquals("p-1", up.json().path("project").asText(), up.body());
    }
}
