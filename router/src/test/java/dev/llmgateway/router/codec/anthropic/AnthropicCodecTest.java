package dev.llmgateway.router.codec.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PayloadTooLargeException;
import dev.llmgateway.core.error.UpstreamException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding and validation of Anthropic Messages bodies, and the dialect's error shape. */
class AnthropicCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnthropicCodec codec = new AnthropicCodec();

    @Test
    void decode_fullRequest_mapsEveryTypedField() {
        ChatRequest r = codec.decode(bytes("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"What is in"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                    {"type":"image","source":{"type":"url","url":"https://x/y.jpg"}},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}}]},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                    {"type":"redacted_thinking","data":"abc"},
                    {"type":"tool_use","id":"toolu_1","name":"look","input":{"q":"x"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,
                    "content":[{"type":"text","text":"failed"}]}]}],
                 "tools":[{"name":"look","description":"Looks","input_schema":{"type":"object"}},
                          {"type":"web_search_20250305","name":"web_search","max_uses":1}],
                 "tool_choice":{"type":"any"},"stop_sequences":["END"],"temperature":0.5,"top_p":0.9,"top_k":40,
                 "thinking":{"type":"enabled","budget_tokens":8000},"metadata":{"user_id":"u-1"}}
                """));

        assertEquals("claude-sonnet-4-5", r.model());
        assertTrue(r.stream());
        assertEquals(4, r.messages().size());
        assertEquals(Role.SYSTEM, r.messages().get(0).role());
        assertEquals("Be brief.", r.messages().get(0).plainText());
        List<ContentPart> user = r.messages().get(1).content();
        assertEquals("image/png", ((ContentPart.Image) user.get(1)).mediaType().orElseThrow());
        assertEquals("https://x/y.jpg", ((ContentPart.Image) user.get(2)).url().orElseThrow());
        assertEquals(Dialect.ANTHROPIC_MESSAGES, ((ContentPart.Opaque) user.get(3)).dialect());
        List<ContentPart> assistant = r.messages().get(2).content();
        assertEquals(new ContentPart.Thinking("hmm", java.util.Optional.of("sig")), assistant.get(0));
        assertInstanceOf(ContentPart.Opaque.class, assistant.get(1));
        assertEquals(new ContentPart.ToolCall("toolu_1", "look", "{\"q\":\"x\"}"), assistant.get(2));
        ContentPart.ToolResult result = (ContentPart.ToolResult) r.messages().get(3).content().get(0);
        assertTrue(result.isError());
        assertEquals(List.of(new ContentPart.Text("failed")), result.content());
        assertEquals(1, r.tools().size(), "server tools stay in the native body only");
        assertEquals(new ToolChoice.Required(), r.toolChoice().orElseThrow());
        assertEquals(List.of("END"), r.sampling().stop());
        assertEquals(1024, r.sampling().maxOutputTokens().getAsInt());
        assertEquals(40, r.sampling().topK().getAsInt());
        assertEquals("medium", r.sampling().reasoningEffort().orElseThrow());
        assertEquals("u-1", r.user().orElseThrow());
        assertEquals(Dialect.ANTHROPIC_MESSAGES, r.origin().orElseThrow().dialect());
    }

    @Test
    void decode_systemInsideMessages_isAcceptedAsSystemMessage() {
        ChatRequest r = codec.decode(bytes("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},
                 {"role":"system","content":[{"type":"text","text":"env","cache_control":{"type":"ephemeral"}}]}]}
                """));
        assertEquals(Role.SYSTEM, r.messages().get(1).role());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|model",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens",
            "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}|messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}|messages[0].role",
            "{\"model\":\"m\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|temperature",
            "{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"image\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|system[0]",
            "{\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"maybe\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tool_choice.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|thinking.budget_tokens",
            "{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"name\":\"a b\",\"input_schema\":{}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tools[0].name",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]}]}|messages[0].content[0]",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"nope\",\"content\":\"x\"}]}]}|messages[0].content"})
    void decode_invalid_is400NamingTheParameter(String body, String param) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> codec.decode(bytes(body)));
        assertEquals(param, e.param().orElseThrow(), e.getMessage());
        JsonNode error = tree(codec.encodeError(e));
        assertEquals("error", error.path("type").asText());
        assertEquals("invalid_request_error", error.path("error").path("type").asText());
    }

    @Test
    void decode_consecutiveUserTurns_areAccepted() {
        ChatRequest r = codec.decode(bytes("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}
                """));
        assertEquals(2, r.messages().size());
    }

    @Test
    void decodeCountTokens_needsNoMaxTokens() {
        ChatRequest r = codec.decodeCountTokens(bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        assertTrue(r.sampling().maxOutputTokens().isEmpty());
    }

    @Test
    void encodeError_everyCategory_hasAnthropicShapeAndType() {
        assertEquals("authentication_error", errorType(new AuthenticationException("no")));
        assertEquals("not_found_error", errorType(new NotFoundException("no", "model", "model_not_found")));
        assertEquals("request_too_large", errorType(new PayloadTooLargeException("big")));
        assertEquals("overloaded_error", errorType(new UpstreamException(ErrorCategory.UNAVAILABLE, "busy", "x")));
        assertEquals("timeout_error", errorType(new UpstreamException(ErrorCategory.TIMEOUT, "slow", "x")));
        assertEquals("api_error", errorType(new UpstreamException(ErrorCategory.UPSTREAM, "bad", "x")));
        JsonNode body = tree(codec.encodeError(new AuthenticationException("Invalid API key.")));
        assertEquals(tree("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"Invalid API key.\"}}"
                .getBytes(StandardCharsets.UTF_8)), body);
    }

    private String errorType(dev.llmgateway.core.error.GatewayException e) {
        return tree(codec.encodeError(e)).path("error").path("type").asText();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode tree(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
