package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same upstream behaviour with {@code router.http-client: jdk} (the default engine is Helidon's). */
class JdkEngineIT {

    private static final String STREAM = "{\"model\":\"fake/gpt-4o\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start("    idle: 400ms", "  http-client: jdk");
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void nonStreaming_andStreaming_work() {
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("Hello from fake", json(res.body()).path("choices").path(0).path("message").path("content").asText());
        List<String> data = sseData(gw.chat(STREAM).body());
        assertEquals("[DONE]", data.get(data.size() - 1));
    }

    @Test
    void stalledStream_endsWithTimeoutError() {
        gw.upstream.enqueue(Reply.partialStream(2, Duration.ZERO, Reply.End.STALL, "a", "b", "c"));
        List<String> data = sseData(gw.chat(STREAM).body());
        assertEquals("timeout_error", json(data.get(data.size() - 1)).path("error").path("type").asText());
        assertFalse(data.contains("[DONE]"));
    }

    @Test
    void retryAfterServerError_succeeds() {
        gw.upstream.enqueue(Reply.error(500, "x"), Reply.chat("ok"));
        assertEquals(200, gw.chat("{\"model\":\"fake/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode());
    }
}
