package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.pipeline.RequestOutcome;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.Reply;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client key's own rate limits over the real gateway (held in memory by each instance). */
class KeyRateLimitIT {

    static final String RPM_KEY = "lgw_test_rpm_key_0123456789";
    static final String CONC_KEY = "lgw_test_conc_key_0123456789";
    private static final String CHAT = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayHarness gw;
    private final List<RequestOutcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        gw = GatewayHarness.start("    total: 60s", "", "", """
                {name: rpm-key, key: %s, requests-per-minute: 2}
                {name: conc-key, key: %s, max-concurrency: 2}
                """.formatted(RPM_KEY, CONC_KEY));
        gw.gateway().onCompletion(outcomes::add);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> chat(String key, String body) {
        return gw.post("/v1/chat/completions", body, "Authorization", "Bearer " + key);
    }

    private CompletableFuture<HttpResponse<String>> chatAsync(String key) {
        return CompletableFuture.supplyAsync(() -> chat(key, CHAT));
    }

    @Test
    void requestsPerMinuteOfTwo_thirdIsRateLimitedInTheCallersDialect() {
        assertEquals(200, chat(RPM_KEY, CHAT).statusCode());
        assertEquals(200, chat(RPM_KEY, CHAT).statusCode());
        HttpResponse<String> refused = chat(RPM_KEY, CHAT);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = GatewayHarness.openAiError(refused);
        assertEquals("rate_limit_exceeded", error.path("code").asText());
        assertEquals("rate_limit_error", error.path("type").asText());
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 55 && retryAfter <= 60, "until the first request leaves the minute: " + retryAfter);

        HttpResponse<String> gemini = gw.post("/v1beta/models/fake/gpt-4o-mini:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", RPM_KEY);
        assertEquals(429, gemini.statusCode(), gemini.body());
        assertEquals("RESOURCE_EXHAUSTED", json(gemini.body()).path("error").path("status").asText());
        assertEquals(200, chat(GatewayHarness.FULL_KEY, CHAT).statusCode(), "other keys are not affected");
        assertEquals(3, gw.upstream.requests().size());
    }

    @Test
    void maxConcurrencyOfTwo_thirdRefusedWhileTwoRun_slotsComeBackAfterAnswersAndErrors() throws Exception {
        Reply slow = Reply.delayed((Reply.Body) Reply.chat("slow"), Duration.ofMillis(1500));
        gw.upstream.enqueue(slow, slow);
        CompletableFuture<HttpResponse<String>> first = chatAsync(CONC_KEY);
        CompletableFuture<HttpResponse<String>> second = chatAsync(CONC_KEY);
        awaitUpstreamRequests(2);

        HttpResponse<String> third = chat(CONC_KEY, CHAT);
        assertEquals(429, third.statusCode(), third.body());
        assertEquals("rate_limit_exceeded", GatewayHarness.openAiError(third).path("code").asText());
        assertEquals("1", third.headers().firstValue("retry-after").orElseThrow());
        assertEquals(200, first.get().statusCode());
        assertEquals(200, second.get().statusCode());

        gw.upstream.enqueue(Reply.error(400, "bad request upstream"), Reply.error(400, "bad request upstream"));
        assertEquals(400, chat(CONC_KEY, CHAT).statusCode());
        assertEquals(400, chat(CONC_KEY, CHAT).statusCode());
        gw.upstream.enqueue(slow, slow);
        CompletableFuture<HttpResponse<String>> again1 = chatAsync(CONC_KEY);
        CompletableFuture<HttpResponse<String>> again2 = chatAsync(CONC_KEY);
        assertEquals(200, again1.get().statusCode(), "failed requests gave their slots back");
        assertEquals(200, again2.get().statusCode());
    }

    @Test
    void clientCancelsAStream_slotComesBackAndTheOutcomeSaysCancelled() throws Exception {
        String[] words = Collections.nCopies(300, "w").toArray(String[]::new);
        gw.upstream.enqueue(new Reply.Stream(OpenAiBodies.chunks(words, true), Duration.ZERO, Duration.ofMillis(20),
                Reply.End.DONE));
        readFirstEventAndLeave(CONC_KEY);
        CompletableFuture<HttpResponse<String>> other = chatAsync(CONC_KEY); // the second slot is still free
        assertEquals(200, other.get().statusCode());

        assertTrue(gw.upstream.awaitClientGone(Duration.ofSeconds(5)));
        awaitOutcomes(2);
        assertTrue(outcomes.stream().anyMatch(o -> o.ending() == RequestOutcome.Ending.CANCELLED), outcomes.toString());
        Reply slow = Reply.delayed((Reply.Body) Reply.chat("slow"), Duration.ofMillis(800));
        gw.upstream.enqueue(slow, slow);
        CompletableFuture<HttpResponse<String>> a = chatAsync(CONC_KEY);
        CompletableFuture<HttpResponse<String>> b = chatAsync(CONC_KEY);
        assertEquals(200, a.get().statusCode(), "the cancelled stream gave its slot back");
        assertEquals(200, b.get().statusCode());
    }

    @Test
    void everyRequest_toldToCompletionListenersExactlyOnce() throws Exception {
        chat(RPM_KEY, CHAT);
        chat(RPM_KEY, STREAM);
        chat(RPM_KEY, CHAT); // rate limited
        chat(GatewayHarness.FULL_KEY, "{\"model\":\"nope/none\",\"messages\":[]}"); // bad request
        gw.post("/v1/chat/completions", CHAT); // no key
        awaitOutcomes(5);
        Thread.sleep(200);
        assertEquals(5, outcomes.size(), outcomes.toString());
        assertEquals(5, outcomes.stream().map(RequestOutcome::requestId).distinct().count());
        assertEquals(List.of(200, 200, 429), outcomes.subList(0, 3).stream().map(RequestOutcome::status).toList());
        assertEquals(18, outcomes.get(0).totalTokens());
    }

    private void readFirstEventAndLeave(String key) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (!seen.toString(StandardCharsets.UTF_8).contains("data: ")) {
                int b = in.read();
                assertTrue(b >= 0, "the stream started");
                seen.write(b);
            }
        }
    }

    private void awaitUpstreamRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gw.upstream.requests().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, gw.upstream.requests().size());
    }

    private void awaitOutcomes(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (outcomes.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(outcomes.size() >= n, outcomes.toString());
    }
}
