package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.AdminApiIT.CHAT;
import static dev.llmgateway.router.server.AdminApiIT.THREE_ACCOUNTS;
import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.pool.AccountStatus;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health probes of upstream accounts, on demand and in the background, against the fake upstream. */
class AdminHealthCheckIT {

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        gw.close();
    }

    private JsonNode healthCheck() {
        HttpResponse<String> res = gw.send(HttpRequest.newBuilder(gw.uri("/admin/api/v1/health-check"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, res.statusCode(), res.body());
        return json(res.body()).path("data");
    }

    private static JsonNode check(JsonNode data, String id) {
        for (JsonNode c : data) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check for " + id + " in " + data);
    }

    private AccountStatus status(String id) {
        return gw.server.gateway().accounts().pool().status(id).map(AccountPool.AccountView::status).orElseThrow();
    }

    private List<RecordedRequest> probes() {
        return gw.upstream.requests().stream().filter(r -> r.path().endsWith("/models")).toList();
    }

    @Test
    void passingProbe_recoversAnAccountDisabledByRejectedCredentials() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.error(401, "invalid key"), Reply.chat("ok"));
        gw.chat(CHAT);
        assertEquals(AccountStatus.DISABLED, status("fake/first"));
        String models = "{\"object\":\"list\",\"data\":[]}";
        gw.upstream.enqueue(Reply.json(200, models), Reply.json(200, models), Reply.json(200, models));

        JsonNode data = healthCheck();

        assertEquals(3, data.size());
        JsonNode first = check(data, "fake/first");
        assertEquals("healthy", first.path("outcome").asText());
        assertEquals(200, first.path("http_status").asInt());
        assertEquals("disabled", first.path("status_before").asText());
        assertEquals("healthy", first.path("status_after").asText());
        assertEquals(AccountStatus.HEALTHY, status("fake/first"));
        List<RecordedRequest> probes = probes();
        assertEquals(3, probes.size());
        assertTrue(probes.stream().allMatch(r -> r.method().equals("GET") && r.path().equals("/v1/models")),
                probes.toString());
        assertEquals(List.of("Bearer sk-account-first-0000aaaa", "Bearer sk-account-second-0000bbbb",
                        "Bearer sk-account-third-0000cccc"),
                probes.stream().map(r -> r.header("authorization").orElseThrow()).sorted().toList());
        gw.chat(AdminApiIT.chat("after recovery"));
        assertEquals("Bearer sk-account-first-0000aaaa", gw.upstream.lastRequest().header("authorization").orElseThrow(),
                "the recovered account takes traffic again");
    }

    @Test
    void rejectedProbe_disablesTheAccount_otherStatusesChangeNothing() {
        gw = GatewayHarness.start("", "", """
                  base-uri: %FAKE%
                  models: [gpt-4o]
                  accounts:
                    - {name: only, api-key: sk-account-only-0000dddd}
            """);
        gw.upstream.enqueue(Reply.error(503, "busy"));

        JsonNode busy = check(healthCheck(), "fake/only");

        assertEquals("unexpected_status", busy.path("outcome").asText());
        assertEquals(503, busy.path("http_status").asInt());
        assertEquals(AccountStatus.HEALTHY, status("fake/only"));

        gw.upstream.enqueue(Reply.error(401, "revoked"));
        JsonNode rejected = check(healthCheck(), "fake/only");

        assertEquals("credentials_rejected", rejected.path("outcome").asText());
        assertEquals("disabled", rejected.path("status_after").asText());
        assertEquals(AccountStatus.DISABLED, status("fake/only"));
    }

    @Test
    void operatorSwitch_survivesAPassingProbe() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.server.gateway().accounts().pool().setEnabled("fake/second", false);

        JsonNode second = check(healthCheck(), "fake/second");

        assertEquals("healthy", second.path("outcome").asText());
        assertEquals("disabled", second.path("status_after").asText());
        assertEquals(AccountStatus.DISABLED, status("fake/second"));
    }

    @Test
    void unreachableUpstream_isReported_andChangesNothing() {
        gw = GatewayHarness.start("", "", """
                  base-uri: http://127.0.0.1:9/v1
                  models: [gpt-4o]
                  api-key: sk-unreachable-0000eeee
            """);

        JsonNode c = check(healthCheck(), "fake/default");

        assertEquals("unreachable", c.path("outcome").asText());
        assertEquals(0, c.path("http_status").asInt());
        assertEquals(AccountStatus.HEALTHY, status("fake/default"));
    }

    private static boolean probeThreadRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("llmgw-account-probes") && t.isAlive());
    }

    @Test
    void backgroundProbes_runWhileTheServerRuns_andStopWithIt() {
        gw = GatewayHarness.start("", "  pool:\n    probe-interval: 100ms", THREE_ACCOUNTS);
        assertTrue(probeThreadRunning());

        gw.server.close();

        assertFalse(probeThreadRunning());
    }

    @Test
    void backgroundProbes_recoverCredentialDisabledAccounts_andLeaveOperatorSwitchesAlone() throws InterruptedException {
        gw = GatewayHarness.start("", "  pool:\n    probe-interval: 100ms", THREE_ACCOUNTS);
        gw.server.gateway().accounts().pool().setEnabled("fake/second", false);
        gw.upstream.enqueue(Reply.error(401, "invalid key"), Reply.chat("ok"));
        gw.chat(CHAT);
        assertEquals("Bearer sk-account-third-0000cccc", gw.upstream.lastRequest().header("authorization").orElseThrow());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (status("fake/first") != AccountStatus.HEALTHY && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertEquals(AccountStatus.HEALTHY, status("fake/first"), "recovered by a background probe");
        assertEquals(AccountStatus.DISABLED, status("fake/second"));
        assertTrue(probes().stream().noneMatch(r -> r.header("authorization").orElseThrow().contains("second")),
                "an operator's switch is not probed");
        assertTrue(probes().stream().noneMatch(r -> r.header("authorization").orElseThrow().contains("third")),
                "healthy accounts are not probed in the background");
    }
}
