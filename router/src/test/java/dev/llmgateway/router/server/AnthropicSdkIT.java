package dev.llmgateway.router.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.llmgateway.testing.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK against the gateway, served by Anthropic and OpenAI fakes. */
class AnthropicSdkIT {

    private AnthropicHarness gw;
    private AnthropicClient client;

    @BeforeEach
    void start() {
        gw = new AnthropicHarness();
        client = client(AnthropicHarness.KEY);
    }

    @AfterEach
    void stop() {
        client.close();
        gw.close();
    }

    private AnthropicClient client(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(gw.baseUrl()).apiKey(key).maxRetries(0).build();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage("Hello").build();
    }

    @Test
    void create_anthropicUpstream() {
        gw.claude.enqueue(Reply.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Hi from Claude"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":9,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":4}}
                """));

        Message m = client.messages().create(params("claude-sonnet-4-5"));

        assertEquals("Hi from Claude", m.content().get(0).asText().text());
        assertEquals(StopReason.END_TURN, m.stopReason().orElseThrow());
        assertEquals(4, m.usage().outputTokens());
        assertTrue(gw.claude.lastRequest().header("anthropic-version").isPresent());
    }

    @Test
    void create_openAiUpstream_translated() {
        gw.openai.enqueue(Reply.chat("Hello from fake"));

        Message m = client.messages().create(params("gpt-4o-mini"));

        assertEquals("Hello from fake", m.content().get(0).asText().text());
        assertEquals(StopReason.END_TURN, m.stopReason().orElseThrow());
        assertEquals(7, m.usage().outputTokens());
    }

    @Test
    void stream_anthropicUpstream_thinkingAndText() {
        gw.claude.enqueue(AnthropicHarness.fixtureStream("thinking", Reply.End.DONE));

        Message m = accumulate(params("claude-sonnet-4-5"));

        assertEquals("Let me work out 27 * 453.\n27 * 453 = 12231", m.content().get(0).asThinking().thinking());
        assertEquals("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds", m.content().get(0).asThinking().signature());
        assertEquals("27 * 453 = 12,231", m.content().get(1).asText().text());
        assertEquals(120, m.usage().outputTokens());
    }

    @Test
    void stream_openAiUpstream_translatedEvents() {
        gw.openai.enqueue(Reply.stream("Hello", "from", "fake"));

        Message m = accumulate(params("gpt-4o-mini"));

        assertTrue(m.content().get(0).asText().text().contains("fake"), m.toString());
        assertEquals(StopReason.END_TURN, m.stopReason().orElseThrow());
    }

    @Test
    void stream_openAiUpstream_toolCalls() {
        gw.openai.enqueue(new Reply.Stream(dev.llmgateway.testing.OpenAiBodies.parallelToolCallChunks(), java.time.Duration.ZERO,
                java.time.Duration.ZERO, Reply.End.DONE));

        Message m = accumulate(params("gpt-4o-mini"));

        assertEquals(StopReason.TOOL_USE, m.stopReason().orElseThrow());
        var calls = m.content().stream().filter(b -> b.isToolUse()).map(b -> b.asToolUse()).toList();
        assertEquals(2, calls.size(), m.toString());
        assertEquals("get_weather", calls.get(0).name());
        assertTrue(calls.get(0)._input().toString().contains("Paris"), calls.get(0).toString());
        assertEquals("get_time", calls.get(1).name());
    }

    @Test
    void errors_surfaceAsTheSdksTypedExceptions() {
        assertThrows(NotFoundException.class, () -> client.messages().create(params("no-such-model")));
        AnthropicClient wrong = client("wrong-key");
        try {
            assertThrows(UnauthorizedException.class, () -> wrong.messages().create(params("claude-sonnet-4-5")));
        } finally {
            wrong.close();
        }
    }

    @Test
    void countTokens_estimateForOpenAiTarget() {
        long n = client.messages().countTokens(MessageCountTokensParams.builder().model("gpt-4o-mini")
                .addUserMessage("abcdefgh").build()).inputTokens();
        assertEquals(2, n);
    }

    private Message accumulate(MessageCreateParams p) {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(p)) {
            s.stream().forEach(acc::accumulate);
        }
        return acc.message();
    }
}
