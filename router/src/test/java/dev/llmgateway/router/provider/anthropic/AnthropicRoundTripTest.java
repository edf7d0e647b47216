package dev.llmgateway.router.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Anthropic → canonical → Anthropic keeps the meaning, for requests and for answers. */
class AnthropicRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnthropicCodec codec = new AnthropicCodec();

    @Test
    void request_viaCanonical_encodesBackToTheSameBody() {
        String body = """
                {"model":"claude-x","max_tokens":2048,
                 "system":[{"type":"text","text":"Be brief."}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather?"},
                    {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
                    {"type":"image","source":{"type":"url","url":"https://x/y.png"}}]},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"need tool","signature":"sig"},
                    {"type":"text","text":"Looking."},
                    {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}},
                    {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Rome"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
                    {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,
                     "content":[{"type":"text","text":"no data"},
                       {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                    {"type":"text","text":"And tomorrow?"}]}],
                 "tools":[{"name":"weather","description":"Gets weather","input_schema":{"type":"object",
                   "properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"tool","name":"weather"},
                 "stop_sequences":["STOP"],"temperature":0.3,"top_p":0.8,"top_k":20,
                 "metadata":{"user_id":"u-7"}}
                """;

        assertEquals(tree(body), encodeBack(body, false));
    }

    @Test
    void request_thinkingAndStream_roundTrip() {
        String body = """
                {"model":"claude-x","max_tokens":20000,"stream":true,
                 "thinking":{"type":"enabled","budget_tokens":8192},
                 "messages":[{"role":"user","content":[{"type":"text","text":"Think."}]}],
                 "tool_choice":{"type":"any"},"tools":[{"name":"t","input_schema":{"type":"object"}}]}
                """;

        assertEquals(tree(body), encodeBack(body, true));
    }

    @Test
    void openAiStyleConversation_toolMessagesMergeIntoOneUserTurn_systemHoisted() {
        ChatRequest r = new ChatRequest("m", List.of(
                Message.text(Role.USER, "hi"),
                Message.text(Role.DEVELOPER, "dev rule"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c1", "f", "{}"),
                        new ContentPart.ToolCall("c2", "f", "{\"a\":1}")), Optional.empty()),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("c1", List.of(new ContentPart.Text("r1")), false)),
                        Optional.empty()),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("c2", List.of(new ContentPart.Text("r2")), false)),
                        Optional.empty()),
                Message.text(Role.USER, "thanks")), List.of(), Optional.empty(), Optional.empty(),
                SamplingParams.defaults(), false, false, Optional.empty(), Optional.empty());

        ObjectNode out = AnthropicRequestEncoder.encode(r, "claude-x", false);

        assertEquals(tree("""
                {"model":"claude-x","max_tokens":4096,"system":[{"type":"text","text":"dev rule"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"f","input":{}},
                    {"type":"tool_use","id":"c2","name":"f","input":{"a":1}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"r1"},
                    {"type":"tool_result","tool_use_id":"c2","content":"r2"},{"type":"text","text":"thanks"}]}]}
                """), out);
    }

    @Test
    void unsupportedParameters_are400s() {
        SamplingParams n2 = new SamplingParams(OptionalInt.empty(), java.util.OptionalDouble.empty(),
                java.util.OptionalDouble.empty(), OptionalInt.empty(), List.of(), java.util.OptionalLong.empty(),
                OptionalInt.of(2), java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), Optional.empty());
        assertThrows(InvalidRequestException.class, () -> AnthropicRequestEncoder.encode(simple(n2, Optional.empty()), "m", false));
        assertThrows(InvalidRequestException.class, () -> AnthropicRequestEncoder.encode(
                simple(SamplingParams.defaults(), Optional.of(new ResponseFormat.JsonObject())), "m", false));
        ObjectNode schema = AnthropicRequestEncoder.encode(simple(SamplingParams.defaults(),
                Optional.of(new ResponseFormat.JsonSchema("s", tree("{\"type\":\"object\"}"), Optional.of(true)))), "m", false);
        assertEquals(tree("{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"),
                schema.path("output_config"));
    }

    @Test
    void response_viaCanonical_encodesBackToTheSameJson() {
        String body = """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                   {"type":"text","text":"Calling."},
                   {"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":7}}
                """;
        ChatResponse decoded = AnthropicResponseDecoder.decode((ObjectNode) tree(body), 0);
        assertEquals(1110, decoded.usage().orElseThrow().inputTokens(), "canonical input includes cached tokens");

        ChatResponse canonicalOnly = new ChatResponse(decoded.id(), decoded.model(), decoded.created(),
                decoded.choices(), decoded.usage(), Optional.empty());
        assertEquals(tree(body), tree(codec.encodeResponse(canonicalOnly)));
    }

    @Test
    void sameDialect_bodyIsTheClientsOwn_withCacheControlAndUnknownFields() {
        String body = """
                {"model":"alias","max_tokens":10,"stream":false,"context_management":{"edits":[]},
                 "system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}
                """;
        ChatRequest r = codec.decode(body.getBytes(StandardCharsets.UTF_8));
        ObjectNode sent = AnthropicAdapter.body(call(r), true);
        ObjectNode expected = (ObjectNode) tree(body);
        expected.put("model", "claude-upstream").put("stream", true);
        assertEquals(expected, sent);
        assertFalse(AnthropicAdapter.body(call(r), false).has("stream"));
    }

    @Test
    void headers_versionDefaultsAndClientHeadersPassThrough() {
        var provider = new dev.llmgateway.router.config.GatewayConfig.Provider("p",
                dev.llmgateway.router.config.GatewayConfig.ProviderType.ANTHROPIC, java.net.URI.create("http://x/v1"),
                Optional.empty(), List.of(), Map.of());
        assertEquals(Map.of("anthropic-version", "2023-06-01"), AnthropicAdapter.headers(provider, Map.of()));
        assertEquals(Map.of("anthropic-version", "2024-01-01", "anthropic-beta", "a,b"), AnthropicAdapter.headers(provider,
                Map.of("anthropic-version", "2024-01-01", "anthropic-beta", "a,b")));
    }

    private JsonNode encodeBack(String body, boolean stream) {
        ChatRequest r = codec.decode(body.getBytes(StandardCharsets.UTF_8));
        ChatRequest canonical = new ChatRequest(r.model(), r.messages(), r.tools(), r.toolChoice(), r.responseFormat(),
                r.sampling(), r.stream(), r.includeUsage(), r.user(), Optional.empty());
        return AnthropicAdapter.body(call(canonical, r.model()), stream);
    }

    private static UpstreamCall call(ChatRequest r) {
        return call(r, "claude-upstream");
    }

    private static UpstreamCall call(ChatRequest r, String model) {
        return new UpstreamCall(r, model, Deadline.after(Duration.ofSeconds(5)), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Map.of(), "rid");
    }

    private static ChatRequest simple(SamplingParams p, Optional<ResponseFormat> format) {
        return new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), List.of(), Optional.empty(), format, p,
                false, false, Optional.empty(), Optional.empty());
    }

    private static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tree(byte[] b) {
        return tree(new String(b, StandardCharsets.UTF_8));
    }
}
