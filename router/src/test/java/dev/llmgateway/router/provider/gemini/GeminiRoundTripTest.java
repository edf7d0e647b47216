package dev.llmgateway.router.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.SamplingParams;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.gemini.GeminiCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Dialect → canonical → dialect: a Gemini request decoded by the ingress codec and encoded again by
 * the egress encoder keeps its meaning; a Gemini answer decoded and re-encoded for a Gemini client
 * (without the native body) keeps its meaning too.
 */
class GeminiRoundTripTest {

    private static final GeminiCodec CODEC = new GeminiCodec();

    private static ObjectNode json(String s) {
        return Json.parseObject(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded request without its native body, so the encoder has to rebuild everything. */
    private static ChatRequest canonical(String body) {
        ChatRequest r = CODEC.decode(json(body).toString().getBytes(StandardCharsets.UTF_8),
                new DecodeContext(Optional.of("gemini-2.5-flash"), false, Map.of()));
        return new ChatRequest(r.model(), r.messages(), r.tools(), r.toolChoice(), r.responseFormat(), r.sampling(),
                r.stream(), r.includeUsage(), r.user(), Optional.empty());
    }

    @Test
    void request_geminiToCanonicalToGemini_keepsMeaning() {
        String body = """
                {'systemInstruction':{'parts':[{'text':'be brief'}]},
                 'contents':[
                  {'role':'user','parts':[{'text':'look'},{'inlineData':{'mimeType':'image/png','data':'AAAA'}},
                     {'fileData':{'mimeType':'image/jpeg','fileUri':'https://x/y.jpg'}}]},
                  {'role':'model','parts':[{'functionCall':{'name':'a','args':{'x':1}}},{'functionCall':{'name':'b','args':{}}}]},
                  {'role':'user','parts':[{'functionResponse':{'name':'a','response':{'output':'one'}}},
                     {'functionResponse':{'name':'b','response':{'temp':3}}}]}],
                 'tools':[{'functionDeclarations':[{'name':'a','parametersJsonSchema':{'type':'object'}},
                     {'name':'b','parametersJsonSchema':{'type':'object'}}]}],
                 'toolConfig':{'functionCallingConfig':{'mode':'ANY'}},
                 'generationConfig':{'maxOutputTokens':50,'temperature':0.5,'topK':40,'stopSequences':['END'],
                    'responseMimeType':'application/json','responseJsonSchema':{'type':'object'}}}
                """;
        ObjectNode back = GeminiRequestEncoder.encode(canonical(body), "gemini-2.5-flash");
        ObjectNode expected = json(body);
        ((ObjectNode) expected.get("generationConfig")).put("temperature", 0.5);
        assertEquals(expected, back);
    }

    @Test
    void request_openAiStyleHistory_toolResultsGetTheirFunctionNamesAndOneTurn() {
        ChatRequest r = new ChatRequest("m", List.of(
                Message.text(Role.USER, "weather?"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("hmm", Optional.of("anthropic-sig")),
                        new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ContentPart.ToolCall("call_2", "get_time", "{}")), Optional.empty()),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("call_1",
                        List.of(new ContentPart.Text("sunny")), false)), Optional.empty()),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("call_2",
                        List.of(new ContentPart.Text("boom")), true)), Optional.empty())),
                List.of(), Optional.of(new ToolChoice.Named("get_weather")), Optional.empty(),
                SamplingParams.defaults(), false, false, Optional.of("u-1"), Optional.empty());
        assertEquals(json("""
                {'contents':[{'role':'user','parts':[{'text':'weather?'}]},
                  {'role':'model','parts':[{'functionCall':{'name':'get_weather','args':{'city':'Paris'}}},
                     {'functionCall':{'name':'get_time','args':{}}}]},
                  {'role':'user','parts':[{'functionResponse':{'name':'get_weather','response':{'output':'sunny'}}},
                     {'functionResponse':{'name':'get_time','response':{'error':'boom'}}}]}],
                 'toolConfig':{'functionCallingConfig':{'mode':'ANY','allowedFunctionNames':['get_weather']}}}
                """), GeminiRequestEncoder.encode(r, "m"));
    }

    @Test
    void request_resultForUnknownCall_andTooManyStops_are400s() {
        ChatRequest orphan = new ChatRequest("m", List.of(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(
                "call_x", List.of(new ContentPart.Text("r")), false)), Optional.empty())), List.of(), Optional.empty(),
                Optional.empty(), SamplingParams.defaults(), false, false, Optional.empty(), Optional.empty());
        assertThrows(InvalidRequestException.class, () -> GeminiRequestEncoder.encode(orphan, "m"));
        SamplingParams six = new SamplingParams(SamplingParams.defaults().maxOutputTokens(),
                SamplingParams.defaults().temperature(), SamplingParams.defaults().topP(), SamplingParams.defaults().topK(),
                List.of("1", "2", "3", "4", "5", "6"), SamplingParams.defaults().seed(), SamplingParams.defaults().n(),
                SamplingParams.defaults().presencePenalty(), SamplingParams.defaults().frequencyPenalty(), Optional.empty());
        ChatRequest stops = new ChatRequest("m", List.of(Message.text(Role.USER, "x")), List.of(), Optional.empty(),
                Optional.empty(), six, false, false, Optional.empty(), Optional.empty());
        assertEquals("stop", assertThrows(InvalidRequestException.class,
                () -> GeminiRequestEncoder.encode(stops, "m")).param().orElseThrow());
    }

    @Test
    void response_geminiToCanonicalToGemini_keepsMeaning() {
        ObjectNode answer = json("""
                {'candidates':[{'content':{'parts':[{'text':'plan','thought':true,'thoughtSignature':'s1'},{'text':'Hi'},
                   {'functionCall':{'id':'call_r_0','name':'f','args':{'a':1}}}],'role':'model'},'finishReason':'STOP','index':0}],
                 'usageMetadata':{'promptTokenCount':10,'candidatesTokenCount':5,'totalTokenCount':18,
                   'cachedContentTokenCount':4,'thoughtsTokenCount':3},
                 'modelVersion':'gemini-2.5-flash','responseId':'r'}
                """);
        ChatResponse decoded = GeminiResponseDecoder.decode(answer.deepCopy(), "gemini-2.5-flash", 0);
        assertEquals(FinishReason.TOOL_CALLS, decoded.choices().get(0).finishReason().orElseThrow());
        assertEquals(new Usage(10, 8, 4, 0, 3), decoded.usage().orElseThrow());
        ChatResponse canonical = new ChatResponse(decoded.id(), decoded.model(), 0, decoded.choices(), decoded.usage(),
                Optional.empty());
        assertEquals(answer, Json.parseObject(CODEC.encodeResponse(canonical)));
    }

    @Test
    void response_blockedPrompt_isAnEmptyContentFilteredChoice() {
        ChatResponse r = GeminiResponseDecoder.decode(json("{'promptFeedback':{'blockReason':'SAFETY'}}"), "m", 0);
        assertEquals(FinishReason.CONTENT_FILTER, r.choices().get(0).finishReason().orElseThrow());
        assertTrue(r.choices().get(0).message().content().isEmpty());
    }

    @Test
    void retryInfo_protobufDurations() {
        assertEquals(Optional.of(Duration.ofSeconds(37)), GeminiRetryInfo.parse(json(
                "{'error':{'code':429,'details':[{'@type':'type.googleapis.com/google.rpc.QuotaFailure'},"
                        + "{'@type':'type.googleapis.com/google.rpc.RetryInfo','retryDelay':'37s'}]}}").toString()
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.of(Duration.ofMillis(1500)), GeminiRetryInfo.duration("1.5s"));
        assertEquals(Optional.empty(), GeminiRetryInfo.duration("soon"));
        assertEquals(Optional.empty(), GeminiRetryInfo.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encoder_reasoningEffort_byModelGeneration() {
        JsonNode flash = GeminiMedia.thinking("low", "gemini-2.5-flash");
        assertEquals(1024, flash.path("thinkingBudget").asInt());
        assertEquals("HIGH", GeminiMedia.thinking("medium", "gemini-3-pro-preview").path("thinkingLevel").asText());
    }
}
