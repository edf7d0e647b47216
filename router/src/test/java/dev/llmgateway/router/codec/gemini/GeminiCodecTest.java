package dev.llmgateway.router.codec.gemini;

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
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiCodecTest {

    private final GeminiCodec codec = new GeminiCodec();

    /** Single quotes stand for double quotes. */
    private static byte[] q(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String s) {
        return Json.parseObject(q(s));
    }

    private ChatRequest decode(String body) {
        return codec.decode(q(body), new DecodeContext(Optional.of("flash"), false, Map.of()));
    }

    @Test
    void endpoint_modelWithSlashesAndMethod_areSplitAtTheLastColon() {
        DecodeContext c = GeminiEndpoint.context("/v1beta/models/gem/gemini-2.5-flash:streamGenerateContent",
                Map.of("alt", "sse"));
        assertEquals(Optional.of("gem/gemini-2.5-flash"), c.pathModel());
        assertTrue(c.pathStream());
        assertEquals("sse", c.query().get("alt"));
        assertThrows(NotFoundException.class, () -> GeminiEndpoint.context("/v1beta/models/x:countTokens", Map.of()));
        assertThrows(NotFoundException.class, () -> GeminiEndpoint.context("/v1beta/models/:generateContent", Map.of()));
    }

    @Test
    void decode_streamWithoutAltSse_isAClear400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> codec.decode(
                q("{'contents':[{'parts':[{'text':'hi'}]}]}"), new DecodeContext(Optional.of("m"), true, Map.of())));
        assertTrue(e.getMessage().contains("alt=sse"));
    }

    @Test
    void decode_conversation_mapsRolesPartsAndSynthesizesCallIds() {
        ChatRequest r = decode("""
                {'systemInstruction':{'parts':[{'text':'be brief'}]},
                 'contents':[
                  {'role':'user','parts':[{'text':'look'},{'inlineData':{'mimeType':'image/png','data':'AAAA'}},
                     {'fileData':{'mimeType':'image/jpeg','fileUri':'https://x/y.jpg'}},
                     {'inlineData':{'mimeType':'application/pdf','data':'JVBE'}}]},
                  {'role':'model','parts':[{'text':'hmm','thought':true,'thoughtSignature':'sig'},
                     {'functionCall':{'name':'a','args':{'x':1}}},{'functionCall':{'name':'b','args':{}}},
                     {'functionCall':{'name':'a','args':{'x':2}}}]},
                  {'role':'user','parts':[{'functionResponse':{'name':'a','response':{'output':'one'}}},
                     {'functionResponse':{'name':'b','response':{'error':'bad'}}},
                     {'functionResponse':{'name':'a','response':{'temp':3}}}]}]}
                """);
        assertEquals("flash", r.model());
        assertEquals(Message.text(Role.SYSTEM, "be brief"), r.messages().get(0));
        List<ContentPart> user = r.messages().get(1).content();
        assertEquals(new ContentPart.Image(Optional.empty(), Optional.of("image/png"), Optional.of("AAAA"),
                Optional.empty()), user.get(1));
        assertEquals(new ContentPart.Image(Optional.of("https://x/y.jpg"), Optional.of("image/jpeg"), Optional.empty(),
                Optional.empty()), user.get(2));
        assertInstanceOf(ContentPart.Opaque.class, user.get(3));
        List<ContentPart> model = r.messages().get(2).content();
        assertEquals(Role.ASSISTANT, r.messages().get(2).role());
        assertEquals(new ContentPart.Thinking("hmm", Optional.of("sig")), model.get(0));
        assertEquals(new ContentPart.ToolCall("call_0", "a", "{\"x\":1}"), model.get(1));
        assertEquals(new ContentPart.ToolCall("call_2", "a", "{\"x\":2}"), model.get(3));
        List<ContentPart> results = r.messages().get(3).content();
        assertEquals(new ContentPart.ToolResult("call_0", List.of(new ContentPart.Text("one")), false), results.get(0));
        assertEquals(new ContentPart.ToolResult("call_1", List.of(new ContentPart.Text("bad")), true), results.get(1));
        assertEquals(new ContentPart.ToolResult("call_2", List.of(new ContentPart.Text("{\"temp\":3}")), false),
                results.get(2));
        assertEquals(Dialect.GEMINI, r.origin().orElseThrow().dialect());
        assertTrue(r.includeUsage());
    }

    @Test
    void decode_functionResponseWithoutCall_isA400NamingThePart() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> decode(
                "{'contents':[{'role':'user','parts':[{'functionResponse':{'name':'a','response':{}}}]}]}"));
        assertEquals("contents[0].parts[0].functionResponse.name", e.param().orElseThrow());
    }

    @Test
    void decode_toolsConfigAndGenerationConfig() {
        ChatRequest r = decode("""
                {'contents':[{'parts':[{'text':'hi'}]}],
                 'tools':[{'functionDeclarations':[
                    {'name':'a','parameters':{'type':'OBJECT','properties':{'s':{'type':'STRING','nullable':true}}}},
                    {'name':'b','parametersJsonSchema':{'type':'object','properties':{'n':{'type':'integer'}}}}]},
                   {'googleSearch':{}}],
                 'toolConfig':{'functionCallingConfig':{'mode':'ANY','allowedFunctionNames':['b']}},
                 'generationConfig':{'maxOutputTokens':50,'temperature':0.5,'topP':0.9,'topK':40.0,
                    'stopSequences':['END'],'candidateCount':2,'seed':7,'responseMimeType':'application/json',
                    'responseSchema':{'type':'OBJECT','properties':{'ok':{'type':'BOOLEAN'}}},
                    'thinkingConfig':{'thinkingLevel':'HIGH'}}}
                """);
        assertEquals(1, r.tools().size(), "ANY with allowed names keeps only those tools");
        assertEquals(new ToolChoice.Named("b"), r.toolChoice().orElseThrow());
        assertEquals(50, r.sampling().maxOutputTokens().getAsInt());
        assertEquals(40, r.sampling().topK().getAsInt());
        assertEquals(List.of("END"), r.sampling().stop());
        assertEquals(2, r.sampling().n().getAsInt());
        assertEquals(7L, r.sampling().seed().getAsLong());
        assertEquals(Optional.of("high"), r.sampling().reasoningEffort());
        ResponseFormat.JsonSchema f = (ResponseFormat.JsonSchema) r.responseFormat().orElseThrow();
        assertEquals(json("{'type':'object','properties':{'ok':{'type':'boolean'}}}"), f.schema());

        ChatRequest all = decode("""
                {'contents':[{'parts':[{'text':'hi'}]}],
                 'tools':[{'functionDeclarations':[
                    {'name':'a','parameters':{'type':'OBJECT','properties':{'s':{'type':'STRING','nullable':true}}}}]}]}
                """);
        assertEquals(json("{'type':'object','properties':{'s':{'type':['string','null']}}}"),
                all.tools().get(0).parameters());
    }

    @Test
    void decode_badValues_are400sNamingTheField() {
        assertEquals("generationConfig.temperature", assertThrows(InvalidRequestException.class, () -> decode(
                "{'contents':[{'parts':[{'text':'x'}]}],'generationConfig':{'temperature':3}}")).param().orElseThrow());
        assertEquals("contents[0].role", assertThrows(InvalidRequestException.class, () -> decode(
                "{'contents':[{'role':'assistant','parts':[{'text':'x'}]}]}")).param().orElseThrow());
        assertEquals("contents", assertThrows(InvalidRequestException.class, () -> decode("{}")).param().orElseThrow());
        assertEquals("toolConfig.functionCallingConfig.mode", assertThrows(InvalidRequestException.class, () -> decode(
                "{'contents':[{'parts':[{'text':'x'}]}],'toolConfig':{'functionCallingConfig':{'mode':'SOME'}}}"))
                .param().orElseThrow());
    }

    @Test
    void encodeResponse_canonical_isGeminiShapeWithUsageSplit() {
        ChatResponse response = new ChatResponse("r-1", "gpt-4o", 1, List.of(new Choice(0,
                new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("why", Optional.empty()),
                        new ContentPart.Text("Hi"), new ContentPart.ToolCall("call_x", "f", "{\"a\":1}"),
                        new ContentPart.ToolCall("call_y", "g", "{\"a\":")), Optional.empty()),
                Optional.of(FinishReason.TOOL_CALLS))), Optional.of(new Usage(10, 8, 4, 0, 3)), Optional.empty());
        JsonNode out = Json.parseObject(codec.encodeResponse(response));
        assertEquals(json("""
                {'candidates':[{'content':{'parts':[{'text':'why','thought':true},{'text':'Hi'},
                   {'functionCall':{'id':'call_x','name':'f','args':{'a':1}}},
                   {'functionCall':{'id':'call_y','name':'g','args':{'_raw_arguments':'{\\'a\\':'}}}],'role':'model'},
                  'finishReason':'STOP','index':0}],
                 'usageMetadata':{'promptTokenCount':10,'candidatesTokenCount':5,'totalTokenCount':18,
                   'cachedContentTokenCount':4,'thoughtsTokenCount':3},
                 'modelVersion':'gpt-4o','responseId':'r-1'}
                """.replace("\\'", "\\\"")), out);
    }

    @Test
    void encodeError_isGoogleShapeWithRetryInfo() {
        JsonNode out = Json.parseObject(codec.encodeError(new RateLimitedException("slow down", "rate_limited",
                Duration.ofMillis(1500))));
        JsonNode e = out.path("error");
        assertEquals(429, e.path("code").asInt());
        assertEquals("RESOURCE_EXHAUSTED", e.path("status").asText());
        assertEquals("slow down", e.path("message").asText());
        assertEquals("rate_limited", e.path("details").path(0).path("reason").asText());
        assertEquals("2s", e.path("details").path(1).path("retryDelay").asText());
    }
}
