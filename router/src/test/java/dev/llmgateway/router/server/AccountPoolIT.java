package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.router.pool.AccountStatus;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several accounts behind one provider: failover, cool-downs and disabling, over real sockets. */
class AccountPoolIT {

    private static final String CHAT = "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String THREE_ACCOUNTS = """
                  base-uri: %FAKE%
                  models: [gpt-4o-mini, gpt-4o]
                  strategy: fill-first
                  accounts:
                    - {name: first, api-key: sk-account-first, priority: 1}
                    - {name: second, api-key: sk-account-second, priority: 2}
                    - {name: third, api-key: sk-account-third, priority: 3}
            """;

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        gw.close();
    }

    private static String keyOf(RecordedRequest r) {
        return r.header("authorization").orElseThrow().substring("Bearer ".length());
    }

    @Test
    void rateLimitedAccount_failsOverAtOnce_andCoolsDownForLaterRequests() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.rateLimited("30"), Reply.chat("from second"), Reply.chat("again second"));

        HttpResponse<String> first = gw.chat(CHAT);
        HttpResponse<String> second = gw.chat(CHAT);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("fake/gpt-4o; account=second", first.headers().firstValue("x-gateway-upstream").orElseThrow());
        List<String> keys = gw.upstream.requests().stream().map(AccountPoolIT::keyOf).toList();
        assertEquals(List.of("sk-account-first", "sk-account-second", "sk-account-second"), keys,
                "the 429'd account is skipped at once (no 30 s wait) and while it cools down");
        assertEquals(200, second.statusCode());
        assertEquals(AccountStatus.COOLING_DOWN,
                gw.server.gateway().accounts().pool().status("fake/first").orElseThrow().status());
    }

    @Test
    void rejectedCredentials_disableTheAccount_andTheOthersServe() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.error(401, "invalid key"), Reply.chat("ok"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(200, res.statusCode(), res.body());
        var view = gw.server.gateway().accounts().pool().status("fake/first").orElseThrow();
        assertEquals(AccountStatus.DISABLED, view.status());
        for (int i = 0; i < 3; i++) {
            gw.chat(CHAT);
        }
        assertTrue(gw.upstream.requests().stream().skip(1).noneMatch(r -> keyOf(r).equals("sk-account-first")));
    }

    @Test
    void everyAccountFailing_givesTheLastErrorAfterTheAttemptLimit() {
        gw = GatewayHarness.start("", "", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.error(500, "a"), Reply.error(502, "b"), Reply.error(503, "c"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(503, res.statusCode(), res.body());
        List<String> keys = gw.upstream.requests().stream().map(AccountPoolIT::keyOf).toList();
        assertEquals(List.of("sk-account-first", "sk-account-second", "sk-account-third"), keys,
                "each attempt went to a different account");
    }

    @Test
    void allAccountsCoolingDown_is429WithRetryAfter_withoutCallingUpstream() {
        gw = GatewayHarness.start("", "    max-attempts: 3", THREE_ACCOUNTS);
        gw.upstream.enqueue(Reply.rateLimited("60"), Reply.rateLimited("60"), Reply.rateLimited("60"));
        gw.chat(CHAT);
        int calls = gw.upstream.requests().size();

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(429, res.statusCode(), res.body());
        assertEquals("no_account_available", openAiError(res).path("code").asText());
        int retryAfter = Integer.parseInt(res.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter > 50 && retryAfter <= 60, "retry-after " + retryAfter);
        assertEquals(calls, gw.upstream.requests().size(), "nothing was sent upstream");
    }

    @Test
    void sessionHeader_keepsAConversationOnOneAccount() {
        gw = GatewayHarness.start("", "", """
                  base-uri: %FAKE%
                  models: [gpt-4o]
                  strategy: round-robin
                  accounts:
                    - {name: a, api-key: sk-account-a}
                    - {name: b, api-key: sk-account-b}
                    - {name: c, api-key: sk-account-c}
            """);
        for (int i = 0; i < 6; i++) {
            gw.post("/v1/chat/completions", CHAT, "Authorization", "Bearer " + GatewayHarness.FULL_KEY,
                    "x-session-id", "conv-42");
        }
        long distinct = gw.upstream.requests().stream().map(AccountPoolIT::keyOf).distinct().count();
        assertEquals(1, distinct, "one conversation, one account");
        assertEquals("Hello from fake", json(gw.chat(CHAT).body()).path("choices").path(0).path("message")
                .path("content").asText());
    }
}
