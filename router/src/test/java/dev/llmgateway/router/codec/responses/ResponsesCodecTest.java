package dev.llmgateway.router.codec.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsesCodecTest {

    private final ResponsesCodec codec = new ResponsesCodec(Clock.fixed(Instant.ofEpochSecond(1_700_000_500),
            ZoneOffset.UTC));

    static byte[] resource(String name) {
        try (InputStream in = ResponsesCodecTest.class.getResourceAsStream("/fixtures/responses/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChatRequest decode(String json) {
        return codec.decode(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private InvalidRequestException rejected(String json) {
        return assertThrows(InvalidRequestException.class, () -> decode(json));
    }

    @Test
    void decode_codexRequest_keepsMessagesAndFunctionsAndFlattensNamespaces() {
        ChatRequest r = codec.decode(resource("codex_request.json"));

        assertEquals("fake/gpt-4o-mini", r.model());
        assertTrue(r.stream());
        assertEquals(List.of(Role.DEVELOPER, Role.DEVELOPER, Role.USER, Role.USER),
                r.messages().stream().map(Message::role).toList());
        assertEquals("List the files here.", r.lastUserText());
        assertEquals(List.of("exec_command", "write_stdin", "view_image", "multi_agent_v1__spawn_agent",
                "multi_agent_v1__wait_agent"), r.tools().stream().map(ToolDefinition::name).toList(),
                "web_search is left out; namespace members are flattened");
        ToolDefinition spawn = r.tools().get(3);
        assertEquals("Sub-agents.\n\nStarts a sub-agent.", spawn.description().orElseThrow());
        assertEquals(Optional.of(false), spawn.strict());
        assertEquals("string", spawn.parameters().path("properties").path("message").path("type").asText());
        assertEquals(Optional.of(new ToolChoice.Auto()), r.toolChoice());
        assertEquals(Optional.empty(), r.sampling().reasoningEffort(), "reasoning.summary alone asks for no effort");
        assertEquals(Dialect.OPENAI_RESPONSES, r.origin().orElseThrow().dialect());
    }

    @Test
    void decode_instructionsAndSettings_mapToCanonical() {
        ChatRequest r = decode("""
                {'model':'m','instructions':'be brief','input':'hi','max_output_tokens':100,'temperature':0.3,
                 'top_p':0.9,'reasoning':{'effort':'high','summary':'auto'},'user':'u-1','metadata':{'a':'b'},
                 'text':{'format':{'type':'json_schema','name':'out','schema':{'type':'object'},'strict':true},
                         'verbosity':'low'},
                 'tools':[{'type':'function','name':'f','parameters':{'type':'object'}}],
                 'tool_choice':{'type':'function','name':'f'}}
                """);

        assertEquals(List.of(Message.text(Role.SYSTEM, "be brief"), Message.text(Role.USER, "hi")), r.messages());
        assertEquals(100, r.sampling().maxOutputTokens().orElseThrow());
        assertEquals(0.3, r.sampling().temperature().orElseThrow());
        assertEquals(0.9, r.sampling().topP().orElseThrow());
        assertEquals(Optional.of("high"), r.sampling().reasoningEffort());
        assertEquals(Optional.of("u-1"), r.user());
        assertEquals(Optional.of(new ToolChoice.Named("f")), r.toolChoice());
        ResponseFormat.JsonSchema f = assertInstanceOf(ResponseFormat.JsonSchema.class, r.responseFormat().orElseThrow());
        assertEquals("out", f.name());
        assertEquals(Optional.of(true), f.strict());
        assertEquals(tree("{'type':'object'}"), f.schema());
        assertInstanceOf(ResponseFormat.JsonObject.class,
                decode("{'model':'m','input':'x','text':{'format':{'type':'json_object'}}}").responseFormat().orElseThrow());
    }

    @Test
    void decode_functionCallRoundTrip_becomesAssistantCallsThenToolResults() {
        ChatRequest r = decode("""
                {'model':'m','input':[
                  {'role':'user','content':'weather and time?'},
                  {'type':'reasoning','id':'rs_1','summary':[{'type':'summary_text','text':'need tools'}],
                   'encrypted_content':'sig-1'},
                  {'type':'message','role':'assistant','content':[{'type':'output_text','text':'Checking.'}]},
                  {'type':'function_call','call_id':'call_a','name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'},
                  {'type':'function_call','call_id':'call_b','name':'spawn_agent','namespace':'multi','arguments':'{}'},
                  {'type':'function_call_output','call_id':'call_a','output':'sunny'},
                  {'type':'function_call_output','call_id':'call_b','output':[{'type':'input_text','text':'ok'}]}]}
                """);

        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL),
                r.messages().stream().map(Message::role).toList());
        assertEquals(List.of(new ContentPart.Thinking("need tools", Optional.of("sig-1")),
                new ContentPart.Text("Checking."),
                new ContentPart.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_b", "multi__spawn_agent", "{}")), r.messages().get(1).content());
        assertEquals(List.of(new ContentPart.ToolResult("call_a", List.of(new ContentPart.Text("sunny")), false)),
                r.messages().get(2).content());
        assertEquals(List.of(new ContentPart.ToolResult("call_b", List.of(new ContentPart.Text("ok")), false)),
                r.messages().get(3).content());
    }

    @Test
    void decode_imagesAndEmptyReasoning() {
        ChatRequest r = decode("""
                {'model':'m','input':[{'type':'reasoning','id':'rs_0','summary':[]},
                 {'role':'user','content':[{'type':'input_text','text':'what is this?'},
                  {'type':'input_image','image_url':'https://x/y.png','detail':'low'},
                  {'type':'input_image','image_url':'data:image/png;base64,AAAA'}]}]}
                """);

        assertEquals(1, r.messages().size(), "a reasoning item without text or signature is dropped");
        assertEquals(List.of(new ContentPart.Text("what is this?"),
                new ContentPart.Image(Optional.of("https://x/y.png"), Optional.empty(), Optional.empty(), Optional.of("low")),
                new ContentPart.Image(Optional.empty(), Optional.of("image/png"), Optional.of("AAAA"), Optional.empty())),
                r.messages().get(0).content());
    }

    @Test
    void decode_serverSideState_isA400ThatSaysWhy() {
        InvalidRequestException e = rejected("{'model':'m','input':'hi','previous_response_id':'resp_1'}");
        assertEquals(Optional.of("previous_response_id"), e.param());
        assertTrue(e.getMessage().contains("does not store responses"), e.getMessage());
        assertEquals(Optional.of("conversation"), rejected("{'model':'m','input':'hi','conversation':'c1'}").param());
        assertEquals(Optional.of("background"), rejected("{'model':'m','input':'hi','background':true}").param());
        assertEquals(Optional.of("prompt"), rejected("{'model':'m','input':'hi','prompt':{'id':'p'}}").param());
        assertEquals(Optional.of("input[0].type"),
                rejected("{'model':'m','input':[{'type':'item_reference','id':'msg_1'}]}").param());
    }

    @Test
    void decode_unsupportedOrInvalid_isA400NamingTheParameter() {
        assertEquals(Optional.of("tools[0].type"),
                rejected("{'model':'m','input':'hi','tools':[{'type':'file_search','vector_store_ids':['v']}]}").param());
        assertEquals(Optional.of("tool_choice.type"),
                rejected("{'model':'m','input':'hi','tool_choice':{'type':'web_search_preview'}}").param());
        assertEquals(Optional.of("tool_choice.name"),
                rejected("{'model':'m','input':'hi','tool_choice':{'type':'function','name':'nope'}}").param());
        assertEquals(Optional.of("input[0].content[0].type"), rejected(
                "{'model':'m','input':[{'role':'user','content':[{'type':'input_file','file_id':'f'}]}]}").param());
        assertEquals(Optional.of("input[0].role"),
                rejected("{'model':'m','input':[{'role':'tool','content':'x'}]}").param());
        assertEquals(Optional.of("input"), rejected("{'model':'m'}").param());
        assertEquals(Optional.of("input"), rejected("{'model':'m','input':[]}").param());
        assertEquals(Optional.of("model"), rejected("{'input':'hi'}").param());
        assertEquals(Optional.of("max_output_tokens"),
                rejected("{'model':'m','input':'hi','max_output_tokens':0}").param());
        assertEquals(Optional.of("top_logprobs"), rejected("{'model':'m','input':'hi','top_logprobs':3}").param());
        InvalidRequestException unknown = rejected("{'model':'m','input':'hi','messages':[]}");
        assertEquals(Optional.of("unknown_parameter"), unknown.code());
        assertEquals(Optional.of("tools[1].tools[0].name"), rejected("""
                {'model':'m','input':'hi','tools':[{'type':'function','name':'a'},
                 {'type':'namespace','name':'n','tools':[{'type':'function','name':'b c'}]}]}
                """).param());
    }

    @Test
    void encodeResponse_textAndUsage_isAResponseObject() {
        ChatResponse response = new ChatResponse("chatcmpl-abc1", "gpt-4o-mini", 1_700_000_000,
                List.of(new Choice(0, Message.text(Role.ASSISTANT, "Hello"), Optional.of(FinishReason.STOP))),
                Optional.of(new Usage(11, 7, 3, 0, 2)), Optional.empty());

        JsonNode json = tree(new String(codec.encodeResponse(response), StandardCharsets.UTF_8));

        assertEquals(tree(new String(resource("response_text.json"), StandardCharsets.UTF_8)), json);
    }

    @Test
    void encodeResponse_thinkingAndToolCalls_inOrder_andLengthIsIncomplete() {
        Message message = new Message(Role.ASSISTANT, List.of(
                new ContentPart.Thinking("plan", Optional.of("sig")),
                new ContentPart.Text("Let me check."),
                new ContentPart.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_b", "get_time", "{}")), Optional.empty());
        ChatResponse response = new ChatResponse("resp_x", "m", 0, List.of(new Choice(0, message,
                Optional.of(FinishReason.LENGTH))), Optional.empty(), Optional.empty());

        JsonNode json = tree(new String(codec.encodeResponse(response), StandardCharsets.UTF_8));

        assertEquals("resp_x", json.path("id").asText());
        assertEquals(1_700_000_500, json.path("created_at").asLong(), "no upstream timestamp: the clock's");
        assertEquals("incomplete", json.path("status").asText());
        assertEquals("max_output_tokens", json.path("incomplete_details").path("reason").asText());
        assertTrue(json.path("usage").isNull());
        assertEquals(tree("""
                [{'id':'rs_x_0','type':'reasoning','status':'completed',
                  'summary':[{'type':'summary_text','text':'plan'}],'encrypted_content':'sig'},
                 {'id':'msg_x_1','type':'message','status':'completed','role':'assistant',
                  'content':[{'type':'output_text','text':'Let me check.','annotations':[],'logprobs':[]}]},
                 {'id':'fc_x_2','type':'function_call','status':'completed','arguments':'{\\'city\\':\\'Paris\\'}',
                  'call_id':'call_a','name':'get_weather'},
                 {'id':'fc_x_3','type':'function_call','status':'incomplete','arguments':'{}',
                  'call_id':'call_b','name':'get_time'}]
                """), json.path("output"));
    }

    @Test
    void roundTrip_answerOutputSentBackAsInput_decodesToTheSameAssistantTurn() {
        Message answer = new Message(Role.ASSISTANT, List.of(
                new ContentPart.Thinking("plan", Optional.of("sig")),
                new ContentPart.Text("Checking."),
                new ContentPart.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_b", "get_time", "{}")), Optional.empty());
        JsonNode output = tree(new String(codec.encodeResponse(new ChatResponse("chatcmpl-1", "m", 1,
                List.of(new Choice(0, answer, Optional.of(FinishReason.TOOL_CALLS))), Optional.empty(),
                Optional.empty())), StandardCharsets.UTF_8)).path("output");
        var body = Json.object().put("model", "m");
        var input = body.putArray("input");
        input.addObject().put("role", "user").put("content", "weather?");
        output.forEach(input::add);

        ChatRequest again = codec.decode(Json.bytes(body));

        assertEquals(List.of(Message.text(Role.USER, "weather?"), answer), again.messages());
    }

    @Test
    void encodeError_usesTheOpenAiErrorShape() {
        JsonNode json = tree(new String(codec.encodeError(new InvalidRequestException("input is required.",
                "input", "invalid_value")), StandardCharsets.UTF_8));
        assertEquals(tree("{'error':{'message':'input is required.','type':'invalid_request_error',"
                + "'param':'input','code':'invalid_value'}}"), json);
        JsonNode limited = tree(new String(codec.encodeError(new RateLimitedException("slow down", "rate_limited", null)),
                StandardCharsets.UTF_8));
        assertEquals("rate_limit_error", limited.path("error").path("type").asText());
    }
}
