package dev.llmgateway.router.codec.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InternalException;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PayloadTooLargeException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatCodecTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    private ChatRequest decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Single quotes stand for double quotes, so bodies stay readable. */
    private ChatRequest decodeQ(String json) {
        return decode(json.replace('\'', '"'));
    }

    private InvalidRequestException invalid(String json) {
        return assertThrows(InvalidRequestException.class, () -> decode(json.replace('\'', '"')));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final String MIN = "{'model':'gpt-4o','messages':[{'role':'user','content':'hi'}]";

    // --- decode: valid requests ---------------------------------------------------------------

    @Test
    void dialect_isOpenAiChat() {
        assertEquals(Dialect.OPENAI_CHAT, codec.dialect());
    }

    @Test
    void decode_minimalRequest_hasDefaults() {
        ChatRequest r = decodeQ(MIN + "}");
        assertEquals("gpt-4o", r.model());
        assertEquals(List.of(Message.text(Role.USER, "hi")), r.messages());
        assertEquals(List.of(), r.tools());
        assertEquals(Optional.empty(), r.toolChoice());
        assertEquals(Optional.empty(), r.responseFormat());
        assertEquals(SamplingParams.defaults(), r.sampling());
        assertFalse(r.stream());
        assertFalse(r.includeUsage());
        assertEquals(Optional.empty(), r.user());
    }

    @Test
    void decode_everyRole_mapsToCanonicalRole() {
        ChatRequest r = decodeQ("""
                {'model':'m','messages':[
                  {'role':'system','content':'s'},
                  {'role':'developer','content':'d'},
                  {'role':'user','content':'u','name':'alice'},
                  {'role':'assistant','content':'a'},
                  {'role':'tool','content':'t','tool_call_id':'call_1'}]}
                """);
        assertEquals(List.of(Role.SYSTEM, Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL),
                r.messages().stream().map(Message::role).toList());
        assertEquals(Optional.of("alice"), r.messages().get(2).name());
        assertEquals("a", r.messages().get(3).plainText());
    }

    @Test
    void decode_textParts_becomeTextParts() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'text','text':'one'},{'type':'text','text':'two'}]}]}");
        assertEquals(List.of(new ContentPart.Text("one"), new ContentPart.Text("two")), r.messages().get(0).content());
        assertEquals("onetwo", r.lastUserText());
    }

    @Test
    void decode_imageWithHttpsUrl_keepsUrlAndDetail() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'image_url','image_url':{'url':'https://example.com/cat.png','detail':'low'}}]}]}");
        assertEquals(new ContentPart.Image(Optional.of("https://example.com/cat.png"), Optional.empty(),
                Optional.empty(), Optional.of("low")), r.messages().get(0).content().get(0));
    }

    @Test
    void decode_imageWithDataUrl_splitsMediaTypeAndBase64() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo='}}]}]}");
        assertEquals(new ContentPart.Image(Optional.empty(), Optional.of("image/png"), Optional.of("iVBORw0KGgo="),
                Optional.empty()), r.messages().get(0).content().get(0));
    }

    @Test
    void decode_unknownPartType_isKeptAsOpaque() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'user','content':["
                + "{'type':'input_audio','input_audio':{'data':'abc','format':'wav'}}]}]}");
        ContentPart.Opaque part = assertInstanceOf(ContentPart.Opaque.class, r.messages().get(0).content().get(0));
        assertEquals(Dialect.OPENAI_CHAT, part.dialect());
        assertEquals(tree("{'type':'input_audio','input_audio':{'data':'abc','format':'wav'}}"), part.json());
    }

    @Test
    void decode_refusalPart_becomesText() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'assistant','content':["
                + "{'type':'refusal','refusal':'no'}]}]}");
        assertEquals(List.of(new ContentPart.Text("no")), r.messages().get(0).content());
    }

    @Test
    void decode_assistantToolCalls_becomeToolCallParts() {
        ChatRequest r = decodeQ("""
                {'model':'m','messages':[
                  {'role':'user','content':'weather?'},
                  {'role':'assistant','content':null,'tool_calls':[
                    {'id':'call_1','type':'function','function':{'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}},
                    {'id':'call_2','type':'function','function':{'name':'get_time'}}]}]}
                """);
        Message assistant = r.messages().get(1);
        assertEquals(Role.ASSISTANT, assistant.role());
        assertEquals(List.of(
                new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_2", "get_time", "{}")), assistant.content());
    }

    @Test
    void decode_assistantReasoningContent_becomesLeadingThinkingPart() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'assistant','content':'answer',"
                + "'reasoning_content':'because'}]}");
        assertEquals(List.of(new ContentPart.Thinking("because", Optional.empty()), new ContentPart.Text("answer")),
                r.messages().get(0).content());
    }

    @Test
    void decode_toolMessage_becomesToolResultWithCallId() {
        ChatRequest r = decodeQ("{'model':'m','messages':[{'role':'tool','tool_call_id':'call_1','content':'22C'}]}");
        Message tool = r.messages().get(0);
        assertEquals(Role.TOOL, tool.role());
        assertEquals(List.of(new ContentPart.ToolResult("call_1", List.of(new ContentPart.Text("22C")), false)),
                tool.content());
    }

    @Test
    void decode_tools_becomeToolDefinitions() {
        ChatRequest r = decodeQ(MIN + ",'tools':["
                + "{'type':'function','function':{'name':'get_weather','description':'Weather now',"
                + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}},'strict':true}},"
                + "{'function':{'name':'no_params'}}]}");
        assertEquals(2, r.tools().size());
        ToolDefinition weather = r.tools().get(0);
        assertEquals("get_weather", weather.name());
        assertEquals(Optional.of("Weather now"), weather.description());
        assertEquals(tree("{'type':'object','properties':{'city':{'type':'string'}}}"), weather.parameters());
        assertEquals(Optional.of(true), weather.strict());
        ToolDefinition bare = r.tools().get(1);
        assertEquals(new ToolDefinition("no_params", Optional.empty(), tree("{'type':'object'}"), Optional.empty()),
                bare);
    }

    @Test
    void decode_toolChoiceVariants_areMapped() {
        assertEquals(Optional.of(new ToolChoice.Auto()), decodeQ(MIN + ",'tool_choice':'auto'}").toolChoice());
        assertEquals(Optional.of(new ToolChoice.None()), decodeQ(MIN + ",'tool_choice':'none'}").toolChoice());
        assertEquals(Optional.of(new ToolChoice.Required()), decodeQ(MIN + ",'tool_choice':'required'}").toolChoice());
        assertEquals(Optional.of(new ToolChoice.Named("get_weather")), decodeQ(MIN
                + ",'tool_choice':{'type':'function','function':{'name':'get_weather'}}}").toolChoice());
        assertEquals(Optional.empty(), decodeQ(MIN + ",'tool_choice':null}").toolChoice());
    }

    @Test
    void decode_responseFormatVariants_areMapped() {
        assertEquals(Optional.of(new ResponseFormat.Text()),
                decodeQ(MIN + ",'response_format':{'type':'text'}}").responseFormat());
        assertEquals(Optional.of(new ResponseFormat.JsonObject()),
                decodeQ(MIN + ",'response_format':{'type':'json_object'}}").responseFormat());
        assertEquals(Optional.of(new ResponseFormat.JsonSchema("person",
                        tree("{'type':'object','properties':{'name':{'type':'string'}}}"), Optional.of(true))),
                decodeQ(MIN + ",'response_format':{'type':'json_schema','json_schema':{'name':'person',"
                        + "'schema':{'type':'object','properties':{'name':{'type':'string'}}},'strict':true}}}")
                        .responseFormat());
        assertEquals(Optional.of(new ResponseFormat.JsonSchema("s", Json.object(), Optional.empty())),
                decodeQ(MIN + ",'response_format':{'type':'json_schema','json_schema':{'name':'s'}}}")
                        .responseFormat());
    }

    @Test
    void decode_samplingFields_areRead() {
        SamplingParams s = decodeQ(MIN + ",'max_tokens':100,'temperature':0.7,'top_p':0.9,'top_k':40,"
                + "'seed':12345678901,'n':2,'presence_penalty':-1.5,'frequency_penalty':1.5,"
                + "'reasoning_effort':'high'}").sampling();
        assertEquals(OptionalInt.of(100), s.maxOutputTokens());
        assertEquals(OptionalDouble.of(0.7), s.temperature());
        assertEquals(OptionalDouble.of(0.9), s.topP());
        assertEquals(OptionalInt.of(40), s.topK());
        assertEquals(OptionalLong.of(12345678901L), s.seed());
        assertEquals(OptionalInt.of(2), s.n());
        assertEquals(OptionalDouble.of(-1.5), s.presencePenalty());
        assertEquals(OptionalDouble.of(1.5), s.frequencyPenalty());
        assertEquals(Optional.of("high"), s.reasoningEffort());
    }

    @Test
    void decode_maxCompletionTokensAndMaxTokens_prefersMaxCompletionTokens() {
        assertEquals(OptionalInt.of(50), decodeQ(MIN + ",'max_tokens':100,'max_completion_tokens':50}")
                .sampling().maxOutputTokens());
        assertEquals(OptionalInt.of(50), decodeQ(MIN + ",'max_completion_tokens':50}").sampling().maxOutputTokens());
    }

    @Test
    void decode_stopAsStringOrList_becomesList() {
        assertEquals(List.of("END"), decodeQ(MIN + ",'stop':'END'}").sampling().stop());
        assertEquals(List.of("a", "b"), decodeQ(MIN + ",'stop':['a','b']}").sampling().stop());
        assertEquals(List.of(), decodeQ(MIN + ",'stop':null}").sampling().stop());
    }

    @Test
    void decode_streamWithIncludeUsage_setsBothFlags() {
        ChatRequest r = decodeQ(MIN + ",'stream':true,'stream_options':{'include_usage':true}}");
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
    }

    @Test
    void decode_streamWithoutOptions_doesNotIncludeUsage() {
        ChatRequest r = decodeQ(MIN + ",'stream':true}");
        assertTrue(r.stream());
        assertFalse(r.includeUsage());
    }

    @Test
    void decode_user_isRead() {
        assertEquals(Optional.of("u-42"), decodeQ(MIN + ",'user':'u-42'}").user());
    }

    @Test
    void decode_validRequest_retainsOriginBodyWithUnknownFields() {
        String body = MIN + ",'logprobs':true,'metadata':{'k':'v'},'x_vendor':{'deep':[1,2]}}";
        ChatRequest r = decodeQ(body);
        NativeBody origin = r.origin().orElseThrow();
        assertEquals(Dialect.OPENAI_CHAT, origin.dialect());
        assertEquals(tree(body), origin.json());
    }

    @Test
    void decode_nullOptionalFields_areTreatedAsAbsent() {
        ChatRequest r = decodeQ(MIN + ",'temperature':null,'tools':null,'response_format':null,'stream':null,"
                + "'stream_options':null,'user':null}");
        assertEquals(OptionalDouble.empty(), r.sampling().temperature());
        assertFalse(r.stream());
        assertEquals(Optional.empty(), r.user());
    }

    // --- decode: invalid requests ---------------------------------------------------------------

    @Test
    void decode_malformedJson_mentionsLineAndColumn() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> decode("{\n  \"model\": \"m\",\n  \"messages\": [}\n"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void decode_trailingGarbage_isInvalid() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> decodeQ(MIN + "} {}"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void decode_emptyBody_isInvalid() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> codec.decode(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void decode_jsonArrayBody_isInvalid() {
        InvalidRequestException e = invalid("[{'model':'m'}]");
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing model | {'messages':[{'role':'user','content':'hi'}]} | model",
            "model not a string | {'model':42,'messages':[{'role':'user','content':'hi'}]} | model",
            "empty model | {'model':'','messages':[{'role':'user','content':'hi'}]} | model",
            "missing messages | {'model':'m'} | messages",
            "empty messages | {'model':'m','messages':[]} | messages",
            "messages not a list | {'model':'m','messages':{}} | messages",
            "message not an object | {'model':'m','messages':['hi']} | messages[0]",
            "bad role | {'model':'m','messages':[{'role':'robot','content':'hi'}]} | messages[0].role",
            "missing role | {'model':'m','messages':[{'content':'hi'}]} | messages[0].role",
            "user without content | {'model':'m','messages':[{'role':'user'}]} | messages[0].content",
            "content not text or list | {'model':'m','messages':[{'role':'user','content':5}]} | messages[0].content",
            "part without type | {'model':'m','messages':[{'role':'user','content':[{'text':'x'}]}]} | messages[0].content[0].type",
            "text part without text | {'model':'m','messages':[{'role':'user','content':[{'type':'text'}]}]} | messages[0].content[0].text",
            "image without url | {'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{}}]}]} | messages[0].content[0].image_url.url",
            "image not object | {'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':'x'}]}]} | messages[0].content[0].image_url",
            "data url not base64 | {'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'data:image/png,abc'}}]}]} | messages[0].content[0].image_url.url",
            "data url other encoding | {'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'data:image/png;charset=utf-8,abc'}}]}]} | messages[0].content[0].image_url.url",
            "tool without call id | {'model':'m','messages':[{'role':'tool','content':'x'}]} | messages[0].tool_call_id",
            "tool call without id | {'model':'m','messages':[{'role':'assistant','tool_calls':[{'function':{'name':'f'}}]}]} | messages[0].tool_calls[0].id",
            "tool call without function | {'model':'m','messages':[{'role':'assistant','tool_calls':[{'id':'c'}]}]} | messages[0].tool_calls[0].function",
            "tool call without name | {'model':'m','messages':[{'role':'assistant','tool_calls':[{'id':'c','function':{}}]}]} | messages[0].tool_calls[0].function.name",
            "tool calls not a list | {'model':'m','messages':[{'role':'assistant','tool_calls':{}}]} | messages[0].tool_calls",
            "temperature 3 | {'model':'m','messages':[{'role':'user','content':'hi'}],'temperature':3} | temperature",
            "temperature text | {'model':'m','messages':[{'role':'user','content':'hi'}],'temperature':'hot'} | temperature",
            "top_p -1 | {'model':'m','messages':[{'role':'user','content':'hi'}],'top_p':-1} | top_p",
            "n 0 | {'model':'m','messages':[{'role':'user','content':'hi'}],'n':0} | n",
            "n fractional | {'model':'m','messages':[{'role':'user','content':'hi'}],'n':1.5} | n",
            "max_tokens 0 | {'model':'m','messages':[{'role':'user','content':'hi'}],'max_tokens':0} | max_tokens",
            "max_completion_tokens 0 | {'model':'m','messages':[{'role':'user','content':'hi'}],'max_completion_tokens':0} | max_completion_tokens",
            "presence_penalty 3 | {'model':'m','messages':[{'role':'user','content':'hi'}],'presence_penalty':3} | presence_penalty",
            "seed text | {'model':'m','messages':[{'role':'user','content':'hi'}],'seed':'x'} | seed",
            "stop number | {'model':'m','messages':[{'role':'user','content':'hi'}],'stop':5} | stop",
            "stop list of numbers | {'model':'m','messages':[{'role':'user','content':'hi'}],'stop':[1]} | stop",
            "stream not boolean | {'model':'m','messages':[{'role':'user','content':'hi'}],'stream':'yes'} | stream",
            "stream_options without stream | {'model':'m','messages':[{'role':'user','content':'hi'}],'stream_options':{'include_usage':true}} | stream_options",
            "stream_options with stream false | {'model':'m','messages':[{'role':'user','content':'hi'}],'stream':false,'stream_options':{}} | stream_options",
            "stream_options not object | {'model':'m','messages':[{'role':'user','content':'hi'}],'stream':true,'stream_options':true} | stream_options",
            "include_usage not boolean | {'model':'m','messages':[{'role':'user','content':'hi'}],'stream':true,'stream_options':{'include_usage':'yes'}} | stream_options.include_usage",
            "tools not a list | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':{}} | tools",
            "tool not object | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':['f']} | tools[0]",
            "tool name missing | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':[{'type':'function','function':{}}]} | tools[0].function.name",
            "tool name with spaces | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':[{'type':'function','function':{'name':'get weather'}}]} | tools[0].function.name",
            "tool function missing | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':[{'type':'function'}]} | tools[0].function",
            "tool type other | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':[{'type':'web_search','function':{'name':'f'}}]} | tools[0].type",
            "tool parameters not object | {'model':'m','messages':[{'role':'user','content':'hi'}],'tools':[{'function':{'name':'f','parameters':[]}}]} | tools[0].function.parameters",
            "tool_choice bad text | {'model':'m','messages':[{'role':'user','content':'hi'}],'tool_choice':'always'} | tool_choice",
            "tool_choice number | {'model':'m','messages':[{'role':'user','content':'hi'}],'tool_choice':1} | tool_choice",
            "tool_choice object without function | {'model':'m','messages':[{'role':'user','content':'hi'}],'tool_choice':{'type':'function'}} | tool_choice",
            "tool_choice function without name | {'model':'m','messages':[{'role':'user','content':'hi'}],'tool_choice':{'type':'function','function':{}}} | tool_choice.function.name",
            "response_format bad type | {'model':'m','messages':[{'role':'user','content':'hi'}],'response_format':{'type':'xml'}} | response_format.type",
            "response_format not object | {'model':'m','messages':[{'role':'user','content':'hi'}],'response_format':'json'} | response_format",
            "response_format schema missing | {'model':'m','messages':[{'role':'user','content':'hi'}],'response_format':{'type':'json_schema'}} | response_format.json_schema",
            "response_format schema without name | {'model':'m','messages':[{'role':'user','content':'hi'}],'response_format':{'type':'json_schema','json_schema':{}}} | response_format.json_schema.name",
            "user not a string | {'model':'m','messages':[{'role':'user','content':'hi'}],'user':1} | user",
    })
    void decode_invalidField_namesTheParam(String name, String body, String param) {
        InvalidRequestException e = invalid(body);
        assertEquals(Optional.of(param), e.param(), e.getMessage());
        assertEquals(ErrorCategory.INVALID_REQUEST, e.category());
        assertTrue(e.getMessage().contains(param), e.getMessage());
    }

    @Test
    void decode_outOfRangeNumber_messageSaysRangeAndValue() {
        InvalidRequestException e = invalid(MIN + ",'temperature':3}");
        assertTrue(e.getMessage().contains("0.0 to 2.0") || e.getMessage().contains("0 to 2"), e.getMessage());
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertEquals(Optional.of("invalid_value"), e.code());
    }

    // --- encodeError -----------------------------------------------------------------------------

    @Test
    void encodeError_withParamAndCode_hasOpenAiShape() {
        byte[] body = codec.encodeError(new InvalidRequestException("Invalid 'n': too big.", "n", "invalid_value"));
        ObjectNode expected = Json.object();
        expected.putObject("error")
                .put("message", "Invalid 'n': too big.")
                .put("type", "invalid_request_error")
                .put("param", "n")
                .put("code", "invalid_value");
        assertEquals(expected, tree(body));
    }

    @Test
    void encodeError_withoutParamAndCode_hasNulls() {
        JsonNode body = tree(codec.encodeError(new AuthenticationException("Invalid API key.")));
        ObjectNode expected = Json.object();
        ObjectNode e = expected.putObject("error");
        e.put("message", "Invalid API key.");
        e.put("type", "authentication_error");
        e.putNull("param");
        e.putNull("code");
        assertEquals(expected, body);
    }

    @Test
    void encodeError_typePerCategory() {
        assertErrorType(new InvalidRequestException("m"), "invalid_request_error");
        assertErrorType(new AuthenticationException("m"), "authentication_error");
        assertErrorType(new PermissionDeniedException("m"), "permission_error");
        assertErrorType(new NotFoundException("m"), "invalid_request_error");
        assertErrorType(new PayloadTooLargeException("m"), "invalid_request_error");
        assertErrorType(new RateLimitedException("m", "c", Duration.ofSeconds(1)), "rate_limit_error");
        assertErrorType(new InternalException("m"), "server_error");
        assertErrorType(new UpstreamException(ErrorCategory.UPSTREAM, "m", "c"), "upstream_error");
        assertErrorType(new UpstreamException(ErrorCategory.UNAVAILABLE, "m", "c"), "service_unavailable_error");
        assertErrorType(new UpstreamException(ErrorCategory.TIMEOUT, "m", "c"), "timeout_error");
    }

    private void assertErrorType(GatewayException error, String type) {
        JsonNode e = tree(codec.encodeError(error)).path("error");
        assertEquals(type, e.path("type").asText(), error.category().name());
        assertEquals("m", e.path("message").asText());
    }

    // --- encodeResponse --------------------------------------------------------------------------

    @Test
    void encodeResponse_withOpenAiOrigin_returnsOriginBody() {
        ObjectNode origin = (ObjectNode) tree("{'id':'chatcmpl-1','object':'chat.completion','model':'gpt-4o',"
                + "'system_fingerprint':'fp_1','choices':[{'index':0,'message':{'role':'assistant','content':'hi'},"
                + "'logprobs':null,'finish_reason':'stop'}],'service_tier':'default'}");
        ChatResponse response = new ChatResponse("other-id", "other-model", 1, List.of(), Optional.empty(),
                Optional.of(new NativeBody(Dialect.OPENAI_CHAT, origin)));
        assertEquals(origin, tree(codec.encodeResponse(response)));
    }

    @Test
    void encodeResponse_withOriginOfOtherDialect_buildsFromCanonical() {
        ChatResponse response = new ChatResponse("id-1", "claude", 7,
                List.of(new Choice(0, Message.text(Role.ASSISTANT, "hello"), Optional.of(FinishReason.STOP))),
                Optional.empty(),
                Optional.of(new NativeBody(Dialect.ANTHROPIC_MESSAGES, (ObjectNode) tree("{'type':'message'}"))));
        JsonNode out = tree(codec.encodeResponse(response));
        assertEquals("chat.completion", out.path("object").asText());
        assertEquals("hello", out.path("choices").path(0).path("message").path("content").asText());
    }

    @Test
    void encodeResponse_textAnswerWithoutOrigin_buildsOpenAiBody() {
        ChatResponse response = new ChatResponse("chatcmpl-9", "gpt-4o", 1700000000L,
                List.of(new Choice(0, new Message(Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("thought ", Optional.empty()),
                        new ContentPart.Text("Hello "), new ContentPart.Text("world")), Optional.empty()),
                        Optional.of(FinishReason.LENGTH))),
                Optional.of(new Usage(10, 5, 3, 0, 2)), Optional.empty());
        assertEquals(tree("""
                {'id':'chatcmpl-9','object':'chat.completion','created':1700000000,'model':'gpt-4o',
                 'choices':[{'index':0,'message':{'role':'assistant','content':'Hello world',
                   'reasoning_content':'thought '},'finish_reason':'length'}],
                 'usage':{'prompt_tokens':10,'completion_tokens':5,'total_tokens':15,
                   'prompt_tokens_details':{'cached_tokens':3},
                   'completion_tokens_details':{'reasoning_tokens':2}}}
                """), tree(codec.encodeResponse(response)));
    }

    @Test
    void encodeResponse_toolCallsWithoutText_hasNullContentAndToolCalls() {
        ChatResponse response = new ChatResponse("id", "m", 0,
                List.of(new Choice(0, new Message(Role.ASSISTANT, List.of(
                        new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ContentPart.ToolCall("call_2", "get_time", "{}")), Optional.empty()),
                        Optional.of(FinishReason.TOOL_CALLS))),
                Optional.empty(), Optional.empty());
        JsonNode out = tree(codec.encodeResponse(response));
        ObjectNode expected = (ObjectNode) tree("""
                {'index':0,'message':{'role':'assistant','content':null,'tool_calls':[
                  {'id':'call_1','type':'function','function':{'name':'get_weather','arguments':'ARGS'}},
                  {'id':'call_2','type':'function','function':{'name':'get_time','arguments':'{}'}}]},
                 'finish_reason':'tool_calls'}
                """);
        ((ObjectNode) expected.path("message").path("tool_calls").path(0).path("function"))
                .put("arguments", "{\"city\":\"Paris\"}");
        assertEquals(expected, out.path("choices").path(0));
        assertFalse(out.has("usage"));
    }

    @Test
    void encodeResponse_noFinishReason_isNull() {
        ChatResponse response = new ChatResponse("id", "m", 0,
                List.of(new Choice(0, Message.text(Role.ASSISTANT, ""), Optional.empty())),
                Optional.empty(), Optional.empty());
        JsonNode choice = tree(codec.encodeResponse(response)).path("choices").path(0);
        assertTrue(choice.has("finish_reason"));
        assertTrue(choice.path("finish_reason").isNull());
        assertEquals("", choice.path("message").path("content").asText());
    }

    @Test
    void encodeResponse_otherFinishReason_isStop() {
        ChatResponse response = new ChatResponse("id", "m", 0,
                List.of(new Choice(1, Message.text(Role.ASSISTANT, "x"), Optional.of(FinishReason.OTHER)),
                        new Choice(2, Message.text(Role.ASSISTANT, "y"), Optional.of(FinishReason.CONTENT_FILTER))),
                Optional.empty(), Optional.empty());
        JsonNode choices = tree(codec.encodeResponse(response)).path("choices");
        assertEquals("stop", choices.path(0).path("finish_reason").asText());
        assertEquals(1, choices.path(0).path("index").asInt());
        assertEquals("content_filter", choices.path(1).path("finish_reason").asText());
    }

    @Test
    void newChunkEncoder_followsRequestIncludeUsage() {
        ChatRequest withUsage = decodeQ(MIN + ",'stream':true,'stream_options':{'include_usage':true}}");
        ChatRequest without = decodeQ(MIN + ",'stream':true}");
        var usage = new dev.llmgateway.core.stream.ChatChunk.UsageReport(new Usage(1, 2, 0, 0, 0));
        var a = codec.newChunkEncoder(withUsage);
        var b = codec.newChunkEncoder(without);
        a.encode(usage);
        b.encode(usage);
        assertFalse(new String(a.end(), StandardCharsets.UTF_8).equals("data: [DONE]\n\n"));
        assertEquals("data: [DONE]\n\n", new String(b.end(), StandardCharsets.UTF_8));
        assertSame(OpenAiChunkEncoder.class, a.getClass());
    }
}
