package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.openAiError;
import static dev.llmgateway.router.server.GatewayHarness.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.Reply;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts and broken streams, against a fault-injecting upstream over real sockets. */
class UpstreamFailuresIT {

    private static final String CHAT = "{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"fake/gpt-4o\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayHarness gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void serverError_thenSuccess_isRetriedTransparently() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.error(500, "boom"), Reply.error(502, "bad gateway"), Reply.chat("third time"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("third time", json(res.body()).path("choices").path(0).path("message").path("content").asText());
        assertEquals(3, gw.upstream.requests().size());
    }

    @Test
    void serverError_everyAttempt_givesBadGatewayAfterThreeAttempts() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.error(500, "a"), Reply.error(500, "b"), Reply.error(500, "c"), Reply.chat("never"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(502, res.statusCode());
        assertEquals("upstream_error", openAiError(res).path("type").asText());
        assertEquals(3, gw.upstream.requests().size());
    }

    @Test
    void rateLimited_withRetryAfter_waitsThatLongThenSucceeds() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.rateLimited("1"), Reply.chat("after the wait"));

        long start = System.nanoTime();
        HttpResponse<String> res = gw.chat(CHAT);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(elapsedMs >= 950, "the gateway honoured Retry-After: 1 (waited " + elapsedMs + " ms)");
        assertEquals(2, gw.upstream.requests().size());
    }

    @Test
    void rateLimited_withRetryAfterLongerThanAllowed_answers429AtOnceWithRetryAfter() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.rateLimited("120"), Reply.chat("never"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(429, res.statusCode());
        assertEquals("120", res.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_error", openAiError(res).path("type").asText());
        assertEquals(1, gw.upstream.requests().size());
    }

    @Test
    void clientErrorFromUpstream_isPassedOnAndNotRetried() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.error(400, "Invalid value for 'temperature'"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(400, res.statusCode());
        assertTrue(openAiError(res).path("message").asText().contains("Invalid value for 'temperature'"));
        assertEquals(1, gw.upstream.requests().size());
    }

    @Test
    void upstreamRejectsCredentials_isBadGatewayWithoutLeakingAnything() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.error(401, "Incorrect API key provided: " + GatewayHarness.UPSTREAM_SECRET));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(502, res.statusCode());
        assertEquals("upstream_auth_failed", openAiError(res).path("code").asText());
        assertFalse(res.body().contains("sk-upstream"), res.body());
        assertEquals(1, gw.upstream.requests().size());
    }

    @Test
    void slowFirstByte_pastTheTimeout_isGatewayTimeout() {
        gw = GatewayHarness.start("    first-byte: 300ms", "    max-attempts: 1");
        gw.upstream.enqueue(Reply.delayed((Reply.Body) Reply.chat("too late"), Duration.ofSeconds(3)));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(504, res.statusCode(), res.body());
        assertEquals("timeout_error", openAiError(res).path("type").asText());
    }

    @Test
    void connectionReset_beforeAnswer_isRetried() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(new Reply.Reset(), Reply.chat("second try"));

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(2, gw.upstream.requests().size());
    }

    @Test
    void unreachableUpstream_isBadGateway() throws Exception {
        gw = GatewayHarness.start();
        gw.upstream.close(); // nothing listens on its port any more

        HttpResponse<String> res = gw.chat(CHAT);

        assertEquals(502, res.statusCode(), res.body());
        assertEquals("upstream_unreachable", openAiError(res).path("code").asText());
    }

    @Test
    void streamBrokenBeforeFirstChunk_isRetriedInvisibly() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(new Reply.Stream(List.of(), Duration.ZERO, Duration.ZERO, Reply.End.CUT),
                Reply.stream("fine", "now"));

        HttpResponse<String> res = gw.chat(STREAM);

        assertEquals(200, res.statusCode());
        List<String> data = sseData(res.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertEquals(2, gw.upstream.requests().size());
    }

    @Test
    void streamCutAfterFirstChunks_endsWithErrorEvent_neverDone() {
        gw = GatewayHarness.start();
        gw.upstream.enqueue(Reply.partialStream(3, Duration.ofMillis(50), Reply.End.CUT, "a", "b", "c", "d", "e"));

        HttpResponse<String> res = gw.chat(STREAM);

        assertEquals(200, res.statusCode());
        List<String> data = sseData(res.body());
        assertEquals(OpenAiBodies.chunks(new String[]{"a", "b", "c", "d", "e"}, true).subList(0, 3), data.subList(0, 3));
        assertEquals(4, data.size(), "three chunks and one error event: " + data);
        JsonNode error = json(data.get(3)).path("error");
        assertEquals("upstream_error", error.path("type").asText());
        assertFalse(data.contains("[DONE]"));
        assertEquals(1, gw.upstream.requests().size(), "no retry once the client has bytes");
    }

    @Test
    void streamStalledMidway_hitsIdleTimeout_andEndsWithTimeoutError() {
        gw = GatewayHarness.start("    idle: 400ms", "");
        gw.upstream.enqueue(Reply.partialStream(2, Duration.ZERO, Reply.End.STALL, "a", "b", "c"));

        long start = System.nanoTime();
        HttpResponse<String> res = gw.chat(STREAM);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        List<String> data = sseData(res.body());
        assertEquals(3, data.size(), data.toString());
        assertEquals("timeout_error", json(data.get(2)).path("error").path("type").asText());
        assertTrue(elapsedMs < 5000, "ended by the idle timeout, not by the total one (" + elapsedMs + " ms)");
    }

    @Test
    void slowStream_pastTheTotalDeadline_endsWithTimeoutError() {
        gw = GatewayHarness.start("    total: 1s\n    idle: 5s", "");
        gw.upstream.enqueue(Reply.partialStream(20, Duration.ofMillis(200), Reply.End.DONE,
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"));

        HttpResponse<String> res = gw.chat(STREAM);

        List<String> data = sseData(res.body());
        String last = data.get(data.size() - 1);
        assertFalse(data.contains("[DONE]"), data.toString());
        assertEquals("timeout_error", json(last).path("error").path("type").asText());
        assertTrue(data.size() < 12, "cut at about 1 s, after roughly five chunks: " + data.size());
    }

    @Test
    void clientDisconnectMidStream_cancelsTheUpstreamCall() throws Exception {
        gw = GatewayHarness.start("    total: 60s", "");
        String[] words = Collections.nCopies(300, "w").toArray(String[]::new);
        gw.upstream.enqueue(new Reply.Stream(OpenAiBodies.chunks(words, true), Duration.ZERO, Duration.ofMillis(20),
                Reply.End.DONE));

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + FULL_KEY
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
        } // the client goes away after the first event of a six-second stream

        assertTrue(gw.upstream.awaitClientGone(Duration.ofSeconds(5)),
                "the gateway closed its upstream connection soon after the client left");
    }

    @Test
    void upstreamThatIsNotHttp_isBadGateway() throws Exception {
        try (ServerSocket junk = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 3; i++) {
                    try (Socket s = junk.accept()) {
                        s.getOutputStream().write("this is not http\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            gw = GatewayHarness.start();
            gw.upstream.close();
            // point a second gateway at the junk server through an alias-free explicit config
            try (GatewayServer other = JunkGateway.start(junk.getLocalPort())) {
                HttpResponse<String> res = gw.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + other.port() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + FULL_KEY)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build());
                assertEquals(502, res.statusCode(), res.body());
                openAiError(res);
            }
        }
    }
}
