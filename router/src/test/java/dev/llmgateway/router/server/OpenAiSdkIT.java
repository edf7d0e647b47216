package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.llmgateway.testing.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unchanged, pointed at the gateway. */
class OpenAiSdkIT {

    private static GatewayHarness gw;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gw = GatewayHarness.start();
        client = sdk(GatewayHarness.FULL_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        gw.close();
    }

    private static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.server.port() + "/v1").apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void create_returnsTheAnswerAndUsage() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("fake/gpt-4o-mini").addUserMessage("Say hello").build());

        assertEquals("Hello from fake", c.choices().get(0).message().content().orElseThrow());
        assertEquals(18, c.usage().orElseThrow().totalTokens());
    }

    @Test
    void createStreaming_yieldsEveryChunk() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("cheap").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertEquals("Hello from fake", text.toString());
    }

    @Test
    void createStreaming_brokenMidway_raisesInsteadOfEndingCleanly() {
        // a gap between events: a reset that overtakes unread data would make this a pre-commit failure (retried)
        gw.upstream.enqueue(Reply.partialStream(3, Duration.ofMillis(50), Reply.End.CUT, "a", "b", "c", "d"));
        assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("fake/gpt-4o").addUserMessage("hi").build())) {
                stream.stream().forEach(chunk -> { });
            }
        });
    }

    @Test
    void toolCalls_areParsedBySdk() {
        gw.upstream.enqueue(Reply.json(200, """
                {"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}
                """));
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("fake/gpt-4o").addUserMessage("weather?").build());
        var call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("{\"city\":\"Paris\"}", call.function().arguments());
    }

    @Test
    void unknownModel_raisesNotFound() {
        assertThrows(NotFoundException.class, () -> client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("fake/nope").addUserMessage("hi").build()));
    }

    @Test
    void wrongKey_raisesUnauthorized() {
        OpenAIClient bad = sdk("lgw_not_a_key");
        try {
            assertThrows(UnauthorizedException.class, () -> bad.chat().completions().create(
                    ChatCompletionCreateParams.builder().model("fake/gpt-4o").addUserMessage("hi").build()));
        } finally {
            bad.close();
        }
    }

    @Test
    void modelsList_isReadableBySdk() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertTrue(ids.contains("fake/gpt-4o-mini"), ids.toString());
    }
}
