package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible happy paths over real sockets: pass-through, streaming, tools. */
class ChatCompletionsIT {

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void nonStreaming_standardFields_reachUpstreamUnchangedExceptModel() {
        String body = """
                {"model":"fake/gpt-4o-mini","messages":[{"role":"system","content":"be brief"},
                 {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}],
                 "tool_choice":"auto","response_format":{"type":"json_object"},"stop":["END"],"seed":7,"n":1,
                 "logprobs":true,"top_logprobs":2,"user":"u-1","temperature":0.2,"max_completion_tokens":50,
                 "metadata":{"team":"a"},"parallel_tool_calls":false,"x_vendor_extension":{"keep":true}}
                """;

        HttpResponse<String> res = gw.chat(body);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode sent = json(body);
        JsonNode received = gw.upstream.lastRequest().json();
        assertEquals("gpt-4o-mini", received.path("model").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sent).put("model", "gpt-4o-mini");
        assertEquals(sent, received, "every field but the model is forwarded as the client sent it");
        assertEquals(json(OpenAiBodies.completion("Hello from fake")), json(res.body()),
                "the upstream's answer reaches the client unchanged");
        assertEquals("fake/gpt-4o-mini; account=default", res.headers().firstValue("x-gateway-upstream").orElseThrow());
    }

    @Test
    void nonStreaming_upstreamGetsItsOwnKeyAndRequestId_neverTheClientKey() {
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + FULL_KEY, "x-request-id", "trace-123");

        assertEquals(200, res.statusCode());
        assertEquals("trace-123", res.headers().firstValue("x-request-id").orElseThrow());
        RecordedRequest up = gw.upstream.lastRequest();
        assertEquals("Bearer " + GatewayHarness.UPSTREAM_SECRET, up.header("authorization").orElseThrow());
        assertEquals("trace-123", up.header("x-request-id").orElseThrow());
        assertFalse(up.headers().toString().contains(FULL_KEY));
        assertEquals("/v1/chat/completions", up.path());
    }

    @Test
    void requestId_invalidOrMissing_isGenerated() {
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"cheap\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + FULL_KEY, "x-request-id", "bad id with spaces");
        String id = res.headers().firstValue("x-request-id").orElseThrow();
        assertTrue(id.startsWith("req_"), id);
    }

    @Test
    void streaming_withoutIncludeUsage_forwardsChunksAndDone_butNotTheUsageChunk() {
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String> data = sseData(res.body());
        List<String> upstreamEvents = OpenAiBodies.chunks(new String[]{"Hello", "from", "fake"}, true);
        assertEquals(upstreamEvents.subList(0, upstreamEvents.size() - 1), data.subList(0, data.size() - 1),
                "chunks are forwarded byte for byte");
        assertEquals("[DONE]", data.get(data.size() - 1));
        JsonNode upstreamBody = gw.upstream.lastRequest().json();
        assertTrue(upstreamBody.path("stream_options").path("include_usage").asBoolean(),
                "the gateway always asks for usage so it can bill the stream");
    }

    @Test
    void streaming_withIncludeUsage_forwardsTheUsageChunk() {
        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        List<String> data = sseData(res.body());
        assertEquals(List.copyOf(OpenAiBodies.chunks(new String[]{"Hello", "from", "fake"}, true)),
                data.subList(0, data.size() - 1));
        assertEquals(3, json(data.get(data.size() - 2)).path("usage").path("completion_tokens").asInt());
        assertEquals("[DONE]", data.get(data.size() - 1));
    }

    @Test
    void streaming_parallelToolCalls_arePassedThroughInOrder() {
        gw.upstream.enqueue(new Reply.Stream(OpenAiBodies.parallelToolCallChunks(), Duration.ZERO, Duration.ZERO,
                Reply.End.DONE));

        HttpResponse<String> res = gw.chat("""
                {"model":"fake/gpt-4o","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"weather and time in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},
                          {"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}]}
                """);

        List<String> data = sseData(res.body());
        assertEquals(OpenAiBodies.parallelToolCallChunks(), data.subList(0, data.size() - 1));
        assertEquals("[DONE]", data.get(data.size() - 1));
    }

    @Test
    void streaming_multiByteCharacters_surviveChunkBoundaries() {
        gw.upstream.enqueue(Reply.stream("héllo", "世界", "🙂"));

        HttpResponse<String> res = gw.chat("{\"model\":\"fake/gpt-4o\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        StringBuilder text = new StringBuilder();
        for (String d : sseData(res.body())) {
            if (!d.equals("[DONE]")) {
                text.append(json(d).path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        assertEquals("héllo 世界 🙂", text.toString());
    }
}
