package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import dev.llmgateway.testing.OpenAiBodies;
import dev.llmgateway.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK's Responses client, unchanged, against the gateway. Every answer
 * and event is checked with the SDK's own {@code validate()}, which fails on a missing required
 * field or a wrong type.
 */
class ResponsesSdkIT {

    private static GatewayHarness gw;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start();
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.server.port() + "/v1")
                .apiKey(GatewayHarness.FULL_KEY).maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
    }

    private static FunctionTool tool(String name) {
        return FunctionTool.builder().name(name).strict(false).parameters(FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object")).build()).build();
    }

    @Test
    void create_returnsAValidResponseWithTextAndUsage() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("fake/gpt-4o-mini")
                .instructions("be brief").input("Say hello").build()).validate();

        assertEquals("Hello from fake", r.output().get(0).message().orElseThrow().content().get(0)
                .outputText().orElseThrow().text());
        assertEquals(18, r.usage().orElseThrow().totalTokens());
        assertEquals(3, r.usage().orElseThrow().inputTokensDetails().cachedTokens());
    }

    @Test
    void create_toolCall_isAFunctionCallItem() {
        gw.upstream.enqueue(Reply.json(200, """
                {"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}
                """));

        Response r = client.responses().create(ResponseCreateParams.builder().model("fake/gpt-4o")
                .input("weather?").addTool(tool("get_weather")).build()).validate();

        ResponseFunctionToolCall call = r.output().get(0).functionCall().orElseThrow();
        assertEquals("call_1", call.callId());
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Paris\"}", call.arguments());
    }

    @Test
    void createStreaming_yieldsValidEvents_textAndCompleted() {
        StringBuilder text = new StringBuilder();
        List<Response> completed = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("cheap").input("hi").build())) {
            stream.stream().forEach(e -> {
                e.validate();
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                e.completed().ifPresent(c -> completed.add(c.response()));
            });
        }
        assertEquals("Hello from fake", text.toString());
        assertEquals(1, completed.size());
        assertEquals(3, completed.get(0).usage().orElseThrow().outputTokens());
    }

    @Test
    void createStreaming_parallelToolCalls_areTwoFunctionCallItems() {
        gw.upstream.enqueue(new Reply.Stream(OpenAiBodies.parallelToolCallChunks(), Duration.ZERO, Duration.ZERO,
                Reply.End.DONE));
        List<ResponseFunctionToolCall> calls = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("fake/gpt-4o").input("weather and time?")
                        .addTool(tool("get_weather")).addTool(tool("get_time")).build())) {
            stream.stream().forEach(e -> {
                e.validate();
                e.outputItemDone().ifPresent(d -> d.item().functionCall().ifPresent(calls::add));
            });
        }
        assertEquals(List.of("get_weather", "get_time"), calls.stream().map(ResponseFunctionToolCall::name).toList());
        assertEquals("{\"city\":\"Paris\"}", calls.get(0).arguments());
        assertEquals("{\"tz\":\"CET\"}", calls.get(1).arguments());
    }

    @Test
    void createStreaming_brokenMidway_neverLooksComplete() {
        gw.upstream.enqueue(Reply.partialStream(3, Duration.ofMillis(50), Reply.End.CUT, "a", "b", "c", "d"));
        List<String> types = new ArrayList<>();
        RuntimeException thrown = null;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("fake/gpt-4o").input("hi").build())) {
            stream.stream().forEach(e -> {
                e.validate();
                e.failed().ifPresent(f -> types.add("failed"));
                e.completed().ifPresent(c -> types.add("completed"));
            });
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertTrue(!types.contains("completed") && (thrown != null || types.contains("failed")),
                "events " + types + ", thrown " + thrown);
    }

    @Test
    void previousResponseId_raisesBadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.responses().create(
                ResponseCreateParams.builder().model("fake/gpt-4o").input("hi").previousResponseId("resp_1").build()));
        assertTrue(e.getMessage().contains("does not store responses"), e.getMessage());
    }
}
