package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.testing.FakeUpstream;
import dev.llmgateway.testing.RecordedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-account egress proxies: an account with {@code proxy} sends its upstream requests through that
 * HTTP proxy (here a fake that answers in the upstream's place and records the absolute-form
 * request target a proxy receives), the other accounts go direct.
 */
class EgressProxyIT {

    private final FakeUpstream proxy = FakeUpstream.start();
    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        proxy.close();
    }

    private GatewayHarness start() {
        return GatewayHarness.start("", "", """
                      base-uri: %FAKE%
                      models: [gpt-4o]
                      strategy: fill-first
                      accounts:
                        - {name: proxied, api-key: sk-proxied-account-0001, priority: 1, proxy: "PROXY"}
                        - {name: direct, api-key: sk-direct-account-00002, priority: 2}
                """.replace("PROXY", proxy.baseUri().resolve("/").toString().replaceAll("/$", "")));
    }

    @Test
    void proxiedAccount_goesThroughItsProxy_directAccountDoesNot() {
        gw = start();

        HttpResponse<String> res = gw.chat(AdminApiIT.chat("via the proxy"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(1, proxy.requests().size());
        RecordedRequest seen = proxy.lastRequest();
        assertEquals(gw.upstream.baseUri() + "/chat/completions", seen.path(), "a proxy gets the absolute URI");
        assertEquals("Bearer sk-proxied-account-0001", seen.header("authorization").orElseThrow());
        assertEquals(0, gw.upstream.requests().size(), "nothing went to the upstream directly");

        assertEquals(200, gw.send(HttpRequest.newBuilder(gw.uri("/admin/api/v1/accounts/fake/proxied/disable"))
                .header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode());
        assertEquals(200, gw.chat(AdminApiIT.chat("direct now")).statusCode());
        assertEquals(1, gw.upstream.requests().size());
        assertEquals(1, proxy.requests().size());
        String view = gw.get("/admin/api/v1/accounts/fake/proxied", "Authorization", "Bearer " + ADMIN_KEY).body();
        assertEquals(proxy.baseUri().resolve("/").toString().replaceAll("/$", ""), json(view).path("proxy").asText());
    }

    @Test
    void accountAddedThroughTheApi_withAProxy_usesIt_andABadProxyIsA400() {
        gw = start();
        HttpResponse<String> bad = admin("{\"provider\":\"fake\",\"name\":\"x\",\"api_key\":\"sk-added-0000000001\","
                + "\"proxy\":\"http://user:pw@127.0.0.1:3128\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("proxy", json(bad.body()).path("error").path("param").asText());
        assertTrue(!bad.body().contains("pw@"), "the credentials are not echoed");

        String proxyUri = proxy.baseUri().resolve("/").toString().replaceAll("/$", "");
        HttpResponse<String> added = admin("{\"provider\":\"fake\",\"name\":\"api\",\"api_key\":\"sk-added-0000000002\","
                + "\"priority\":0,\"proxy\":\"" + proxyUri + "\"}");
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(200, gw.chat(AdminApiIT.chat("through the api account")).statusCode());
        assertEquals("Bearer sk-added-0000000002", proxy.lastRequest().header("authorization").orElseThrow());
    }

    private HttpResponse<String> admin(String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri("/admin/api/v1/accounts")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
