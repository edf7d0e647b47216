package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void accounts_showStatusHintModelsAndTheReasonOfTheFirstUnhealthyModel() throws IOException {
        JsonNode a = json("""
                {"id":"openai/main","name":"main","provider":"openai","type":"openai-api-key","weight":2,"priority":1,
                 "models":[],
                 "status":"cooling_down","disabled_reason":null,"key_hint":"sk-…3f2a","in_flight":1,
                 "latency_ewma_ms":412.6,
                 "health":{"gpt-4o":{"status":"cooling_down","until":"2026-01-01T00:01:00Z",
                                     "reason":"rate limited for 60000 ms: 429","recent_failures":0},
                           "gpt-4o-mini":{"status":"healthy","until":null,"reason":"","recent_failures":0}}}
                """);
        JsonNode b = json("""
                {"id":"openai/backup","priority":2,"weight":1,"models":["gpt-4o-mini"],"status":"disabled",
                 "disabled_reason":"disabled by an operator","key_hint":null,"in_flight":0,"latency_ewma_ms":null,
                 "health":{}}
                """);

        String out = AdminViews.accounts(List.of(a, b));

        assertEquals("""
                ACCOUNT        TYPE            STATUS        PRI  WEIGHT  IN-FLIGHT  LATENCY  KEY       MODELS       REASON
                openai/main    openai-api-key  cooling_down    1       2          1   413 ms  sk-…3f2a  all          gpt-4o: rate limited for 60000 ms: 429 (until 2026-01-01T00:01:00Z)
                openai/backup  -               disabled        2       1          0        -  -         gpt-4o-mini  disabled by an operator
                """, out);
    }

    @Test
    void oauthStatus_showsExpiryInHowLongAndTheErrorOrReason() throws IOException {
        JsonNode active = json("""
                {"id":"anthropic/max","type":"claude-code-oauth","status":"active",
                 "expires_at":"2026-01-01T01:00:00Z","expires_in_seconds":3725,
                 "last_refresh_at":"2026-01-01T00:00:00Z","last_error":null,"account_status":"healthy",
                 "disabled_reason":null}
                """);
        JsonNode revoked = json("""
                {"id":"gemini/me","type":"gemini-cli-oauth","status":"revoked","expires_at":null,
                 "expires_in_seconds":null,"last_refresh_at":null,"last_error":"HTTP 400, invalid_grant",
                 "account_status":"disabled","disabled_reason":"OAuth refresh token rejected"}
                """);

        String out = AdminViews.oauthStatus(List.of(active, revoked));

        assertEquals("""
                ACCOUNT        TYPE               STATUS   EXPIRES               IN        LAST-REFRESH          ACCOUNT-STATUS  ERROR
                anthropic/max  claude-code-oauth  active   2026-01-01T01:00:00Z  1h 2m 5s  2026-01-01T00:00:00Z  healthy         -
                gemini/me      gemini-cli-oauth   revoked  -                     -         -                     disabled        HTTP 400, invalid_grant
                """, out);
    }

    @Test
    void status_showsVersionUptimeAndCountsPerProvider() throws IOException {
        String out = AdminViews.status(json("""
                {"version":"0.1.0","started_at":"2026-01-01T00:00:00Z","uptime_seconds":3725,
                 "providers":[{"name":"openai","type":"openai","host":"api.openai.com",
                   "accounts":{"total":3,"healthy":2,"cooling_down":0,"circuit_open":0,"half_open":0,"disabled":1}}],
                 "client_keys":4}
                """));

        assertTrue(out.startsWith("llm-gateway 0.1.0, up 1h 2m 5s (since 2026-01-01T00:00:00Z)\nclient keys: 4\n\n"), out);
        assertTrue(out.endsWith("""
                PROVIDER  TYPE    HOST            ACCOUNTS  HEALTHY  COOLING  OPEN  HALF-OPEN  DISABLED
                openai    openai  api.openai.com         3        2        0     0          0         1
                """), out);
    }

    @Test
    void stats_haveOneTablePerAccountAndPerProvider() throws IOException {
        String out = AdminViews.stats(json("""
                {"since":"2026-01-01T00:00:00Z",
                 "accounts":[{"id":"p/a","provider":"p","requests":5,"successes":3,"failovers":1,
                   "failures":{"total":2,"credentials":1,"rate_limited":1,"server":0,"client":0}}],
                 "providers":[{"name":"p","requests":5,"successes":3,"failovers":1,
                   "failures":{"total":2,"credentials":1,"rate_limited":1,"server":0,"client":0}}]}
                """));

        assertEquals("""
                since 2026-01-01T00:00:00Z

                ACCOUNT  REQUESTS  OK  FAILED  CREDENTIALS  RATE-LIMITED  SERVER  CLIENT  FAILOVERS
                p/a             5   3       2            1             1       0       0          1

                PROVIDER  REQUESTS  OK  FAILED  CREDENTIALS  RATE-LIMITED  SERVER  CLIENT  FAILOVERS
                p                5   3       2            1             1       0       0          1
                """, out);
    }

    @Test
    void healthCheck_showsOutcomeAndTheChangeOfStatus() throws IOException {
        String out = AdminViews.healthCheck(json("""
                {"data":[{"id":"p/a","outcome":"healthy","http_status":200,"latency_ms":12,"detail":"listed models",
                          "status_before":"disabled","status_after":"healthy"},
                         {"id":"p/b","outcome":"unreachable","http_status":0,"latency_ms":5000,
                          "detail":"no answer within 5000 ms","status_before":"healthy","status_after":"healthy"}]}
                """));

        assertEquals("""
                ACCOUNT  OUTCOME      HTTP  LATENCY  BEFORE    AFTER    DETAIL
                p/a      healthy       200    12 ms  disabled  healthy  listed models
                p/b      unreachable     -  5000 ms  healthy   healthy  no answer within 5000 ms
                """, out);
    }

    @Test
    void duration_isCompact() {
        assertEquals("0s", AdminViews.duration(0));
        assertEquals("1m 0s", AdminViews.duration(60));
        assertEquals("2d 0h 0m 1s", AdminViews.duration(172_801));
    }
}
