package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.AnthropicHarness.KEY;
import static dev.llmgateway.router.server.AnthropicHarness.anthropicError;
import static dev.llmgateway.router.server.AnthropicHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.provider.anthropic.AnthropicStreams;
import dev.llmgateway.testing.RecordedRequest;
import dev.llmgateway.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/messages and /v1/messages/count_tokens over real sockets, against Anthropic and OpenAI fakes. */
class AnthropicMessagesIT {

    private static final String ANTHROPIC_ANSWER = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":2000,"output_tokens":3},
             "container":null}
            """;

    private AnthropicHarness gw;

    @BeforeEach
    void start() {
        gw = new AnthropicHarness();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    // (a) Anthropic client -> Anthropic upstream: pass-through

    @Test
    void passthrough_body_keepsCacheControlAndUnknownFields_forwardsBetaAndVersion() {
        gw.claude.enqueue(Reply.json(200, ANTHROPIC_ANSWER));
        String body = """
                {"model":"claude/claude-sonnet-4-5","max_tokens":100,
                 "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
                   {"role":"system","content":"env context"}],
                 "tools":[{"name":"Bash","input_schema":{"type":"object"},"defer_loading":true}],
                 "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                 "metadata":{"user_id":"{\\"session\\":\\"s\\"}"}}
                """;

        HttpResponse<String> res = gw.messages(body, "anthropic-version", "2023-06-01",
                "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json(ANTHROPIC_ANSWER), json(res.body()), "the upstream's answer reaches the client unchanged");
        RecordedRequest up = gw.claude.lastRequest();
        assertEquals("/v1/messages", up.path());
        ObjectNode expected = (ObjectNode) json(body);
        expected.put("model", "claude-sonnet-4-5");
        assertEquals(expected, up.json(), "every field but the model reaches the upstream as sent");
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14", up.header("anthropic-beta").orElseThrow());
        assertEquals("2023-06-01", up.header("anthropic-version").orElseThrow());
        assertEquals(AnthropicHarness.CLAUDE_SECRET, up.header("x-api-key").orElseThrow());
        assertFalse(up.headers().toString().contains(KEY), "the client's key never reaches the upstream");
    }

    @Test
    void passthrough_noVersionHeader_sendsDefaultVersion() {
        gw.claude.enqueue(Reply.json(200, ANTHROPIC_ANSWER));
        gw.messages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("2023-06-01", gw.claude.lastRequest().header("anthropic-version").orElseThrow());
        assertTrue(gw.claude.lastRequest().header("anthropic-beta").isEmpty());
    }

    @Test
    void passthrough_stream_eventsVerbatim() {
        gw.claude.enqueue(AnthropicHarness.fixtureStream("text", Reply.End.DONE));

        HttpResponse<String> res = gw.messages("""
                {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"hi"}]}
                """);

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertEquals(AnthropicStreams.resource("/fixtures/anthropic/text.sse"), res.body());
        assertTrue(gw.claude.lastRequest().json().path("stream").asBoolean());
    }

    @Test
    void passthrough_errorMidStream_endsWithAnthropicErrorEvent() {
        gw.claude.enqueue(AnthropicHarness.fixtureStream("error_mid_stream", Reply.End.CUT, Duration.ofMillis(100)));

        HttpResponse<String> res = gw.messages("""
                {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}
                """);

        var events = AnthropicStreams.events(res.body());
        var last = events.get(events.size() - 1);
        assertEquals("error", last.event());
        assertEquals("overloaded_error", json(last.data()).path("error").path("type").asText());
        assertTrue(events.stream().noneMatch(e -> e.event().equals("message_stop")));
        assertEquals("Partial", AnthropicStreams.accumulate(res.body()).path("content").path(0).path("text").asText());
    }

    // (b) Anthropic client -> OpenAI upstream: translated

    @Test
    void translated_toOpenAi_streamWithParallelToolCalls() {
        String base = "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",";
        List<String> chunks = List.of(
                base + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Checking.\"},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
                base + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                base + "\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":20,\"total_tokens\":70,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":10}}}");
        gw.openai.enqueue(new Reply.Stream(chunks, Duration.ZERO, Duration.ZERO, Reply.End.DONE));

        HttpResponse<String> res = gw.messages("""
                {"model":"fake/gpt-4o-mini","max_tokens":300,"stream":true,
                 "system":"Be brief.","messages":[{"role":"user","content":"Weather in Paris and Rome?"}],
                 "tools":[{"name":"weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"auto"}}
                """);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode message = json(AnthropicStreams.accumulate(res.body()).toString());
        assertEquals(json("""
                {"id":"chatcmpl-9","model":"gpt-4o-mini","stop_reason":"tool_use","content":[
                  {"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"call_a","name":"weather","input":{"city":"Paris"}},
                  {"type":"tool_use","id":"call_b","name":"weather","input":{"city":"Rome"}}],
                 "usage":{"input_tokens":40,"output_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":10}}
                """), message);
        List<String> names = AnthropicStreams.events(res.body()).stream().map(e -> e.event()).toList();
        assertEquals("message_start", names.get(0));
        assertEquals(List.of("message_delta", "message_stop"), names.subList(names.size() - 2, names.size()));
        JsonNode sent = gw.openai.lastRequest().json();
        assertEquals("system", sent.path("messages").path(0).path("role").asText());
        assertEquals("weather", sent.path("tools").path(0).path("function").path("name").asText());
        assertEquals(300, sent.path("max_tokens").asInt());
    }

    @Test
    void translated_toOpenAi_nonStreaming_answerInAnthropicShape() {
        gw.openai.enqueue(Reply.chat("Hello from fake"));

        HttpResponse<String> res = gw.messages("""
                {"model":"gpt-4o-mini","max_tokens":30,"messages":[{"role":"user","content":"hi"}]}
                """);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals("message", body.path("type").asText());
        assertEquals("Hello from fake", body.path("content").path(0).path("text").asText());
        assertEquals("end_turn", body.path("stop_reason").asText());
        assertEquals(11, body.path("usage").path("input_tokens").asInt()
                + body.path("usage").path("cache_read_input_tokens").asInt(), "OpenAI's prompt tokens include cached ones");
        assertEquals(7, body.path("usage").path("output_tokens").asInt());
    }

    // (c) OpenAI client -> Anthropic upstream

    @Test
    void openAiClient_toAnthropic_nonStreaming_translatedBothWays() {
        gw.claude.enqueue(Reply.json(200, """
                {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"Sure."},
                   {"type":"tool_use","id":"toolu_9","name":"lookup","input":{"q":"x"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":11,"output_tokens":13}}
                """));

        HttpResponse<String> res = gw.post("/v1/chat/completions", """
                {"model":"claude/claude-sonnet-4-5","messages":[{"role":"system","content":"rules"},
                  {"role":"user","content":"look x up"}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                 "tool_choice":"required","stop":["END"],"temperature":0.5}
                """, "Authorization", "Bearer " + KEY);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode sent = gw.claude.lastRequest().json();
        assertEquals(json("""
                {"model":"claude-sonnet-4-5","system":[{"type":"text","text":"rules"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"look x up"}]}],
                 "tools":[{"name":"lookup","input_schema":{"type":"object"}}],"tool_choice":{"type":"any"},
                 "max_tokens":4096,"temperature":0.5,"stop_sequences":["END"]}
                """), sent);
        JsonNode choice = json(res.body()).path("choices").path(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        assertEquals("Sure.", choice.path("message").path("content").asText());
        assertEquals("t", choice.path("message").path("reasoning_content").asText());
        assertEquals("{\"q\":\"x\"}", choice.path("message").path("tool_calls").path(0).path("function").path("arguments").asText());
        JsonNode usage = json(res.body()).path("usage");
        assertEquals(23, usage.path("prompt_tokens").asInt(), "cache reads and writes count as prompt tokens");
        assertEquals(11, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void openAiClient_toAnthropic_stream_translatedChunks() {
        gw.claude.enqueue(AnthropicHarness.fixtureStream("parallel_tools", Reply.End.DONE));

        HttpResponse<String> res = gw.post("/v1/chat/completions", """
                {"model":"claude/claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"weather?"}]}
                """, "Authorization", "Bearer " + KEY);

        assertEquals(200, res.statusCode(), res.body());
        List<String> data = GatewayHarness.sseData(res.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder args0 = new StringBuilder();
        StringBuilder args1 = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = json(d);
            assertFalse(chunk.has("type"), "no Anthropic event leaks to an OpenAI client: " + d);
            for (JsonNode tc : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                (tc.path("index").asInt() == 0 ? args0 : args1).append(tc.path("function").path("arguments").asText());
            }
            if (chunk.path("choices").path(0).path("finish_reason").isTextual()) {
                finish = chunk.path("choices").path(0).path("finish_reason").asText();
            }
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
            }
        }
        assertEquals("{\"location\": \"San Francisco, CA\"}", args0.toString());
        assertEquals("{\"location\": \"Paris\"}", args1.toString());
        assertEquals("tool_calls", finish);
        assertEquals(3544, usage.path("prompt_tokens").asInt());
        assertEquals(89, usage.path("completion_tokens").asInt());
    }

    // (e) error shapes

    @Test
    void errors_inAnthropicShape() {
        String ok = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> noKey = gw.post("/v1/messages", ok);
        assertEquals(401, noKey.statusCode());
        assertEquals("authentication_error", anthropicError(noKey).path("type").asText());

        HttpResponse<String> badKey = gw.post("/v1/messages", ok, "x-api-key", "wrong");
        assertEquals(401, badKey.statusCode());
        assertEquals("authentication_error", anthropicError(badKey).path("type").asText());

        HttpResponse<String> unknown = gw.messages(ok.replace("claude-sonnet-4-5", "no-such-model"));
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found_error", anthropicError(unknown).path("type").asText());
        assertTrue(anthropicError(unknown).path("message").asText().contains("no-such-model"));

        HttpResponse<String> invalid = gw.messages("{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}");
        assertEquals(400, invalid.statusCode());
        assertEquals("invalid_request_error", anthropicError(invalid).path("type").asText());
        assertTrue(anthropicError(invalid).path("message").asText().contains("max_tokens"));

        HttpResponse<String> notJson = gw.messages("{oops");
        assertEquals(400, notJson.statusCode());
        assertEquals("invalid_request_error", anthropicError(notJson).path("type").asText());
    }

    @Test
    void upstreamRateLimit_isRateLimitErrorWithRetryAfter() {
        String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
        Map<String, String> headers = Map.of("Content-Type", "application/json", "retry-after", "30",
                "anthropic-ratelimit-requests-remaining", "0");
        gw.claude.enqueue(new Reply.Body(429, limited, headers, Duration.ZERO));

        HttpResponse<String> res = gw.messages(
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(429, res.statusCode(), res.body());
        assertEquals("rate_limit_error", anthropicError(res).path("type").asText());
        assertEquals("30", res.headers().firstValue("retry-after").orElseThrow());
    }

    @Test
    void upstreamOverloaded529_retriedThenOverloadedError() {
        String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        gw.claude.enqueue(Reply.json(529, overloaded), Reply.json(529, overloaded), Reply.json(529, overloaded));

        HttpResponse<String> res = gw.messages(
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(503, res.statusCode(), res.body());
        assertEquals("overloaded_error", anthropicError(res).path("type").asText());
        assertEquals(3, gw.claude.requests().size());
    }

    // (f) count_tokens

    @Test
    void countTokens_anthropicTarget_forwardedToUpstream() {
        gw.claude.enqueue(Reply.json(200, "{\"input_tokens\":1234}"));
        String body = """
                {"model":"claude-sonnet-4-5","system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"hello"}],"tools":[{"name":"t","input_schema":{"type":"object"}}]}
                """;

        HttpResponse<String> res = gw.post("/v1/messages/count_tokens", body, "x-api-key", KEY,
                "anthropic-beta", "token-counting-2024-11-01");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json("{\"input_tokens\":1234}"), json(res.body()));
        RecordedRequest up = gw.claude.lastRequest();
        assertEquals("/v1/messages/count_tokens", up.path());
        assertEquals("token-counting-2024-11-01", up.header("anthropic-beta").orElseThrow());
        ObjectNode expected = (ObjectNode) json(body);
        assertEquals(expected, up.json());
    }

    @Test
    void countTokens_otherTarget_answersEstimate() {
        HttpResponse<String> res = gw.post("/v1/messages/count_tokens", """
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"abcdefghijklmnop"}]}
                """, "x-api-key", KEY);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(4, json(res.body()).path("input_tokens").asInt(), "16 characters / 4");
        assertTrue(gw.openai.requests().isEmpty());
    }

    @Test
    void countTokens_errors_inAnthropicShape() {
        HttpResponse<String> noKey = gw.post("/v1/messages/count_tokens", "{}");
        assertEquals(401, noKey.statusCode());
        assertEquals("authentication_error", anthropicError(noKey).path("type").asText());
        HttpResponse<String> unknown = gw.post("/v1/messages/count_tokens",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}", "x-api-key", KEY);
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found_error", anthropicError(unknown).path("type").asText());
    }
}
