package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.ADMIN_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.pipeline.RequestOutcome;
import dev.llmgateway.store.Rows;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organization limits over the real gateway: a config key attributed to organization org_q. */
class QuotaIT {

    static final String ORG_KEY = "lgw_test_org_key_0123456789";
    private static final String API = "/admin/api/v1";
    private static final String CHAT = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start("", "", "", "{name: org-key, key: " + ORG_KEY + ", org: org_q}");
        Instant now = Instant.now();
        gw.gateway().tenancy().database().execute().insert("INSERT INTO organizations (id, name, status, created_at, "
                + "updated_at) VALUES ('org_q', 'Quota Org', 'active', ?, ?)", Rows.time(now), Rows.time(now));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> chat(String body) {
        return gw.post("/v1/chat/completions", body, "Authorization", "Bearer " + ORG_KEY);
    }

    private HttpResponse<String> putLimits(String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(API + "/orgs/org_q/limits")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode usage() {
        HttpResponse<String> res = gw.get(API + "/orgs/org_q/usage", "Authorization", "Bearer " + ADMIN_KEY);
        assertEquals(200, res.statusCode(), res.body());
        return json(res.body());
    }

    /** The organization's current month, waiting (briefly) until {@code until} holds: usage is recorded after the answer. */
    private JsonNode month(Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode m = usage().path("scopes").path(0).path("periods").path(0);
            if (until.test(m) || System.nanoTime() > deadline) {
                return m;
            }
            Thread.sleep(20);
        }
    }

    private static long secondsToNextMonth() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime next = now.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).plusMonths(1);
        return Duration.between(now, next).toSeconds();
    }

    @Test
    void requestsPerMonthOfThree_threeAnsweredThenQuotaExceededInTheCallersDialect() throws Exception {
        HttpResponse<String> set = putLimits("{\"requests_per_month\":3,\"cost_per_month\":\"25.00\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(json("{\"requests_per_month\":3,\"requests_per_year\":null,\"tokens_per_month\":null,"
                + "\"tokens_per_year\":null,\"cost_per_month\":\"25.00\",\"cost_per_year\":null}"),
                json(set.body()).path("limits"));

        for (int i = 0; i < 3; i++) {
            assertEquals(200, chat(CHAT).statusCode(), "request " + (i + 1));
        }
        HttpResponse<String> refused = chat(CHAT);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = GatewayHarness.openAiError(refused);
        assertEquals("rate_limit_error", error.path("type").asText());
        assertEquals("quota_exceeded", error.path("code").asText());
        String period = ZonedDateTime.now(ZoneOffset.UTC).toString().substring(0, 7);
        assertTrue(error.path("message").asText().startsWith("organization org_q has used its 3 requests for "
                + period), error.path("message").asText());
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertTrue(Math.abs(retryAfter - secondsToNextMonth()) <= 5, retryAfter + " vs " + secondsToNextMonth());

        HttpResponse<String> anthropic = gw.post("/v1/messages", "{\"model\":\"fake/gpt-4o-mini\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", ORG_KEY,
                "anthropic-version", "2023-06-01");
        assertEquals(429, anthropic.statusCode(), anthropic.body());
        JsonNode body = json(anthropic.body());
        assertEquals("error", body.path("type").asText());
        assertEquals("rate_limit_error", body.path("error").path("type").asText());
        assertTrue(body.path("error").path("message").asText().contains("has used its 3 requests"), anthropic.body());
        assertTrue(anthropic.headers().firstValue("retry-after").isPresent());

        assertEquals(3, gw.upstream.requests().size(), "refused requests never reach the upstream");
        JsonNode month = month(m -> true);
        assertEquals(3, month.path("requests").path("used").asLong());
        assertEquals(3, month.path("requests").path("limit").asLong());
        assertEquals("25.00", month.path("cost").path("limit").asText());

        assertEquals(200, putLimits("{\"requests_per_month\":null}").statusCode());
        assertEquals(200, chat(CHAT).statusCode(), "a removed limit stops refusing at once on this instance");
    }

    @Test
    void stream_tokensAndCostCountedAfterTheStream_evenWhenItBreaks() throws Exception {
        assertEquals(200, putLimits("{\"tokens_per_month\":1000000}").statusCode());
        List<RequestOutcome> outcomes = new CopyOnWriteArrayList<>();
        gw.gateway().onCompletion(outcomes::add);

        HttpResponse<String> res = chat(STREAM);
        assertEquals(200, res.statusCode(), res.body());
        // the fake's stream reports 11 prompt and 3 completion tokens: gpt-4o-mini at 0.15 / 0.60 per million
        JsonNode month = month(m -> m.path("tokens").path("used").asLong() == 14);
        assertEquals(14, month.path("tokens").path("used").asLong());
        assertEquals("0.00000345", month.path("cost").path("used").asText());

        List<String> events = new ArrayList<>(OpenAiBodies.chunks(new String[] {"a", "b"}, false));
        events.add(OpenAiBodies.usageChunk(100, 2));
        gw.upstream.enqueue(new Reply.Stream(events, Duration.ZERO, Duration.ofMillis(50), Reply.End.CUT));
        HttpResponse<String> broken = chat(STREAM);
        assertEquals(200, broken.statusCode());
        month = month(m -> m.path("tokens").path("used").asLong() == 116);
        assertEquals(116, month.path("tokens").path("used").asLong(), "the usage reported before the cut counts");
        assertEquals(List.of(RequestOutcome.Ending.COMPLETED, RequestOutcome.Ending.BROKEN),
                outcomes.stream().map(RequestOutcome::ending).toList());
    }

    @Test
    void fiftyConcurrentRequestsAgainstTwenty_exactlyTwentyAnswered() throws Exception {
        assertEquals(200, putLimits("{\"requests_per_month\":20}").statusCode());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return chat(CHAT).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            assertEquals(20, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(30, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, gw.upstream.requests().size());
        assertEquals(20, month(m -> true).path("requests").path("used").asLong());
    }

    @Test
    void limitsRoutes_badBodyOrUnknownOrganization_clearErrors() {
        HttpResponse<String> bad = putLimits("{\"requests_per_month\":-5}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("requests_per_month", json(bad.body()).path("error").path("param").asText());
        HttpResponse<String> unknown = putLimits("{\"requests_per_week\":5}");
        assertEquals(400, unknown.statusCode());
        assertEquals("requests_per_week", json(unknown.body()).path("error").path("param").asText());
        HttpResponse<String> missing = gw.get(API + "/orgs/org_nope/limits", "Authorization", "Bearer " + ADMIN_KEY);
        assertEquals(404, missing.statusCode());
        HttpResponse<String> noKey = gw.get(API + "/orgs/org_q/keys/key_nope/limits", "Authorization",
                "Bearer " + ADMIN_KEY);
        assertEquals(404, noKey.statusCode(), noKey.body());
        assertEquals(401, gw.get(API + "/orgs/org_q/limits").statusCode());
    }
}
