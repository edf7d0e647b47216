package dev.llmgateway.router.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpenAiRequestEncoderTest {

    private static JsonNode tree(String s) {
        try {
            return Json.MAPPER.readTree(s.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Encoded, then read back as a client would, so int and long nodes of equal value compare equal. */
    private static JsonNode encode(ChatRequest request, String model, boolean stream) {
        return tree(Json.text(OpenAiRequestEncoder.encode(request, model, stream)));
    }

    private static ChatRequest request(List<Message> messages) {
        return request(messages, SamplingParams.defaults());
    }

    private static ChatRequest request(List<Message> messages, SamplingParams sampling) {
        return new ChatRequest("client-model", messages, List.of(), Optional.empty(), Optional.empty(), sampling,
                false, false, Optional.empty(), Optional.empty());
    }

    private static Message msg(Role role, ContentPart... parts) {
        return new Message(role, List.of(parts), Optional.empty());
    }

    @Test
    void encode_developerAndSystem_becomeSystemMessages() {
        JsonNode body = encode(request(List.of(Message.text(Role.SYSTEM, "s"), Message.text(Role.DEVELOPER, "d"),
                Message.text(Role.USER, "u"))), "gpt-4o", false);
        assertEquals(tree("{'model':'gpt-4o','messages':[{'role':'system','content':'s'},"
                + "{'role':'system','content':'d'},{'role':'user','content':'u'}]}"), body);
    }

    @Test
    void encode_assistantThinkingAndToolCalls_dropsThinkingAndNullsContent() {
        JsonNode body = encode(request(List.of(msg(Role.ASSISTANT,
                new ContentPart.Thinking("secret reasoning", Optional.of("sig")),
                new ContentPart.ToolCall("call_1", "f", "{}")))), "m", false);
        assertEquals(tree("{'role':'assistant','content':null,'tool_calls':[{'id':'call_1','type':'function',"
                + "'function':{'name':'f','arguments':'{}'}}]}"), body.path("messages").path(0));
        assertFalse(body.toString().contains("secret reasoning"), body.toString());
    }

    @Test
    void encode_toolResults_becomeToolMessagesBeforeUserText() {
        JsonNode body = encode(request(List.of(msg(Role.USER,
                new ContentPart.Text("and now?"),
                new ContentPart.ToolResult("call_1", List.of(new ContentPart.Text("22C")), false),
                new ContentPart.ToolResult("call_2", List.of(new ContentPart.Text("boom")), true)))), "m", false);
        assertEquals(tree("[{'role':'tool','tool_call_id':'call_1','content':'22C'},"
                + "{'role':'tool','tool_call_id':'call_2','content':'Error: boom'},"
                + "{'role':'user','content':'and now?'}]"), body.path("messages"));
    }

    @Test
    void encode_inlineImage_becomesDataUrlPart() {
        JsonNode body = encode(request(List.of(msg(Role.USER, new ContentPart.Text("what is this?"),
                new ContentPart.Image(Optional.empty(), Optional.of("image/jpeg"), Optional.of("AAAA"),
                        Optional.of("high"))))), "m", false);
        assertEquals(tree("{'role':'user','content':[{'type':'text','text':'what is this?'},"
                + "{'type':'image_url','image_url':{'url':'data:image/jpeg;base64,AAAA','detail':'high'}}]}"),
                body.path("messages").path(0));
    }

    @Test
    void encode_toolsChoiceFormatSamplingAndStream_areMapped() {
        SamplingParams sampling = new SamplingParams(OptionalInt.of(100), OptionalDouble.of(0.5),
                OptionalDouble.of(0.9), OptionalInt.of(40), List.of("END"), OptionalLong.of(7), OptionalInt.of(1),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
        ChatRequest r = new ChatRequest("x", List.of(Message.text(Role.USER, "hi")),
                List.of(new ToolDefinition("f", Optional.of("does f"), tree("{'type':'object'}"), Optional.of(true))),
                Optional.of(new ToolChoice.Named("f")), Optional.of(new ResponseFormat.JsonObject()), sampling,
                true, true, Optional.of("u-1"), Optional.empty());
        assertEquals(tree("""
                {'model':'llama','messages':[{'role':'user','content':'hi'}],
                 'tools':[{'type':'function','function':{'name':'f','description':'does f',
                    'parameters':{'type':'object'},'strict':true}}],
                 'tool_choice':{'type':'function','function':{'name':'f'}},
                 'response_format':{'type':'json_object'},
                 'max_tokens':100,'temperature':0.5,'top_p':0.9,'stop':['END'],'seed':7,'n':1,
                 'user':'u-1','stream':true,'stream_options':{'include_usage':true}}
                """), encode(r, "llama", true));
    }

    @Test
    void encode_reasoningModel_usesMaxCompletionTokens() {
        SamplingParams sampling = new SamplingParams(OptionalInt.of(100), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), List.of(), OptionalLong.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.of("low"));
        JsonNode body = encode(request(List.of(Message.text(Role.USER, "hi")), sampling), "o3-mini", false);
        assertEquals(100, body.path("max_completion_tokens").asInt());
        assertFalse(body.has("max_tokens"));
        assertEquals("low", body.path("reasoning_effort").asText());
    }

    @Test
    void encode_opaquePart_isRejectedNamingItsType() {
        ChatRequest r = request(List.of(msg(Role.USER, new ContentPart.Text("read this"),
                new ContentPart.Opaque(Dialect.ANTHROPIC_MESSAGES, tree("{'type':'document'}")))));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> OpenAiRequestEncoder.encode(r, "m", false));
        assertTrue(e.getMessage().contains("document"), e.getMessage());
        assertEquals(Optional.of("unsupported_content"), e.code());
    }

    @Test
    void encode_nonTextToolResult_isRejected() {
        ChatRequest r = request(List.of(msg(Role.USER, new ContentPart.ToolResult("c",
                List.of(new ContentPart.Image(Optional.of("https://x/y.png"), Optional.empty(), Optional.empty(),
                        Optional.empty())), false))));
        assertThrows(InvalidRequestException.class, () -> OpenAiRequestEncoder.encode(r, "m", false));
    }
}
