package dev.llmgateway.router.server;

import static dev.llmgateway.router.server.GatewayHarness.FULL_KEY;
import static dev.llmgateway.router.server.GatewayHarness.json;
import static dev.llmgateway.router.server.GatewayHarness.openAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Responses API ingress over real sockets, served by the OpenAI-compatible fake upstream. */
class ResponsesIT {

    private GatewayHarness gw;

    @BeforeEach
    void start() {
        gw = GatewayHarness.start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> responses(String body) {
        return gw.post("/v1/responses", body, "Authorization", "Bearer " + FULL_KEY);
    }

    /** The {@code data:} payloads of a Responses stream, checking each frame's event line agrees. */
    private static List<JsonNode> events(HttpResponse<String> res) {
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<JsonNode> out = new ArrayList<>();
        for (String frame : res.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), frame);
            JsonNode data = json(lines[1].substring(6));
            assertEquals(lines[0].substring(7), data.path("type").asText());
            out.add(data);
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    @Test
    void nonStreaming_text_isAResponseObjectWithUsage() {
        HttpResponse<String> res = responses("""
                {"model":"fake/gpt-4o-mini","instructions":"be brief","input":"Say hello","max_output_tokens":50,
                 "temperature":0.2}
                """);

        assertEquals(200, res.statusCode(), res.body());
        JsonNode r = json(res.body());
        assertEquals("response", r.path("object").asText());
        assertEquals("resp_chatcmplfake1", r.path("id").asText());
        assertEquals("completed", r.path("status").asText());
        assertEquals("Hello from fake", r.path("output").path(0).path("content").path(0).path("text").asText());
        assertEquals(json("""
                {"input_tokens":11,"input_tokens_details":{"cached_tokens":3,"cache_write_tokens":0},
                 "output_tokens":7,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":18}
                """), r.path("usage"));
        JsonNode up = gw.upstream.lastRequest().json();
        assertEquals("/v1/chat/completions", gw.upstream.lastRequest().path());
        assertEquals(json("""
                {"model":"gpt-4o-mini","messages":[{"role":"system","content":"be brief"},
                 {"role":"user","content":"Say hello"}],"max_tokens":50,"temperature":0.2}
                """), up);
    }

    @Test
    void streaming_text_isTheResponsesEventSequence() {
        HttpResponse<String> res = responses("{\"model\":\"fake/gpt-4o\",\"stream\":true,\"input\":\"hi\"}");

        assertEquals(200, res.statusCode(), res.body());
        List<JsonNode> events = events(res);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types(events));
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt());
        }
        assertEquals("Hello from fake", events.get(7).path("text").asText());
        JsonNode done = events.get(events.size() - 1).path("response");
        assertEquals("completed", done.path("status").asText());
        assertEquals("Hello from fake", done.path("output").path(0).path("content").path(0).path("text").asText());
        assertEquals(3, done.path("usage").path("output_tokens").asInt());
        assertFalse(res.body().contains("[DONE]"), "the Responses stream has no [DONE] marker");
    }

    @Test
    void codexRequest_streams_withFlattenedNamespaceTools_andWebSearchLeftOut() {
        HttpResponse<String> res = gw.post("/v1/responses", fixture("codex_request.json"),
                "Authorization", "Bearer " + FULL_KEY, "accept", "text/event-stream", "originator", "codex_exec");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("response.completed", types(events(res)).get(events(res).size() - 1));
        JsonNode up = gw.upstream.lastRequest().json();
        List<String> roles = new ArrayList<>();
        up.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        assertEquals(List.of("system", "system", "user", "user"), roles, "developer messages go as system");
        List<String> tools = new ArrayList<>();
        up.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
        assertEquals(List.of("exec_command", "write_stdin", "view_image", "multi_agent_v1__spawn_agent",
                "multi_agent_v1__wait_agent"), tools);
        assertEquals("auto", up.path("tool_choice").asText());
        for (String dropped : List.of("reasoning", "reasoning_effort", "include", "store", "prompt_cache_key",
                "client_metadata", "parallel_tool_calls")) {
            assertFalse(up.has(dropped), dropped + " does not reach a chat upstream");
        }
    }

    @Test
    void functionCallRoundTrip_callsComeBackAsItems_andResultsReachTheUpstreamAsToolMessages() {
        gw.upstream.enqueue(new Reply.Stream(OpenAiBodies.parallelToolCallChunks(), Duration.ZERO, Duration.ZERO,
                Reply.End.DONE));
        String tools = """
                "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}},
                         {"type":"function","name":"get_time","parameters":{"type":"object"}}]
                """;
        HttpResponse<String> first = responses("{\"model\":\"fake/gpt-4o\",\"stream\":true,"
                + "\"input\":\"weather and time in Paris?\"," + tools + "}");

        List<JsonNode> events = events(first);
        JsonNode output = events.get(events.size() - 1).path("response").path("output");
        assertEquals(2, output.size());
        assertEquals(json("""
                {"type":"function_call","call_id":"call_a","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}",
                 "status":"completed","id":"fc_chatcmplfake1_0"}"""), output.get(0));
        assertEquals("{\"tz\":\"CET\"}", output.get(1).path("arguments").asText());

        String next = "{\"model\":\"fake/gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":\"weather and time in Paris?\"},"
                + output.get(0) + "," + output.get(1) + ","
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_a\",\"output\":\"sunny\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_b\",\"output\":\"10:00\"}]," + tools + "}";
        HttpResponse<String> second = responses(next);

        assertEquals(200, second.statusCode(), second.body());
        JsonNode messages = gw.upstream.lastRequest().json().path("messages");
        assertEquals(json("""
                [{"role":"user","content":"weather and time in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\\"tz\\":\\"CET\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_a","content":"sunny"},
                 {"role":"tool","tool_call_id":"call_b","content":"10:00"}]
                """), messages);
    }

    @Test
    void streaming_brokenMidway_endsWithErrorAndFailedEvents() {
        gw.upstream.enqueue(Reply.partialStream(3, Duration.ofMillis(50), Reply.End.CUT, "a", "b", "c", "d"));

        HttpResponse<String> res = responses("{\"model\":\"fake/gpt-4o\",\"stream\":true,\"input\":\"hi\"}");

        List<String> types = types(events(res));
        assertEquals(List.of("error", "response.failed"), types.subList(types.size() - 2, types.size()));
        assertFalse(types.contains("response.completed"));
        JsonNode failed = events(res).get(types.size() - 1).path("response");
        assertEquals("failed", failed.path("status").asText());
        assertEquals("a b", failed.path("output").path(0).path("content").path(0).path("text").asText());
    }

    @Test
    void errors_useTheOpenAiErrorShape() {
        HttpResponse<String> previous = responses("{\"model\":\"fake/gpt-4o\",\"input\":\"hi\","
                + "\"previous_response_id\":\"resp_123\"}");
        assertEquals(400, previous.statusCode());
        assertEquals("previous_response_id", openAiError(previous).path("param").asText());

        HttpResponse<String> hosted = responses("{\"model\":\"fake/gpt-4o\",\"input\":\"hi\","
                + "\"tools\":[{\"type\":\"code_interpreter\",\"container\":{\"type\":\"auto\"}}]}");
        assertEquals(400, hosted.statusCode());
        assertEquals("unsupported_tool", openAiError(hosted).path("code").asText());

        HttpResponse<String> noKey = gw.post("/v1/responses", "{\"model\":\"fake/gpt-4o\",\"input\":\"hi\"}");
        assertEquals(401, noKey.statusCode());
        assertEquals("authentication_error", openAiError(noKey).path("type").asText());

        HttpResponse<String> unknownModel = responses("{\"model\":\"nope/none\",\"input\":\"hi\"}");
        assertEquals(404, unknownModel.statusCode());
        openAiError(unknownModel);
        assertEquals(0, gw.upstream.requests().size(), "no bad request reached the upstream");
    }

    private static String fixture(String name) {
        try (InputStream in = ResponsesIT.class.getResourceAsStream("/fixtures/responses/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
