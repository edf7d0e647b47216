package dev.llmgateway.router.codec.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Gemini CLI 0.61.0 without {@code -m} first asks a classifier model (non-streaming
 * {@code generateContent}) for JSON, with a {@code responseJsonSchema} built from the SDK's
 * {@code Type} enum: {@code "OBJECT"}, {@code "STRING"}, {@code "INTEGER"}. Gemini accepts that; passed
 * on unchanged to an OpenAI upstream it is an invalid JSON Schema (and the demo simulator read the
 * integer as a string, so the CLI rejected the answer and retried). The canonical schema now has
 * JSON Schema's lower-case names; a Gemini upstream still gets the client's body as it was.
 */
class GeminiCliSchemaTest {

    private final GeminiCodec codec = new GeminiCodec();

    private ChatRequest decode(String body) {
        return codec.decode(body.getBytes(StandardCharsets.UTF_8),
                new DecodeContext(Optional.of("gemini-3.5-flash-lite"), false, Map.of()));
    }

    @Test
    void classifierRequest_upperCaseTypeNamesInResponseJsonSchema_becomeJsonSchemaNames() throws Exception {
        ChatRequest r = decode("""
                {"contents":[{"role":"user","parts":[{"text":"Refactor the parser."}]}],
                 "systemInstruction":{"role":"user","parts":[{"text":"You are a routing classifier."}]},
                 "generationConfig":{"temperature":0,"responseMimeType":"application/json",
                   "responseJsonSchema":{"type":"OBJECT",
                     "properties":{"complexity_reasoning":{"type":"STRING","description":"Why."},
                                   "complexity_score":{"type":"INTEGER","description":"1-100."},
                                   "tags":{"type":["ARRAY","NULL"],"items":{"type":"STRING"}}},
                     "required":["complexity_reasoning","complexity_score"]}}}
                """);

        ResponseFormat.JsonSchema f = (ResponseFormat.JsonSchema) r.responseFormat().orElseThrow();
        assertEquals(Json.MAPPER.readTree("""
                {"type":"object",
                 "properties":{"complexity_reasoning":{"type":"string","description":"Why."},
                               "complexity_score":{"type":"integer","description":"1-100."},
                               "tags":{"type":["array","null"],"items":{"type":"string"}}},
                 "required":["complexity_reasoning","complexity_score"]}
                """), f.schema());
        JsonNode nativeBody = r.origin().orElseThrow().json();
        assertEquals("INTEGER", nativeBody.path("generationConfig").path("responseJsonSchema").path("properties")
                .path("complexity_score").path("type").asText(), "the Gemini upstream gets the body unchanged");
    }

    @Test
    void parametersJsonSchema_getsTheSameTreatment_andLowerCaseSchemasStayAsTheyAre() throws Exception {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"hi"}]}],
                 "tools":[{"functionDeclarations":[
                   {"name":"a","parametersJsonSchema":{"type":"OBJECT","properties":{"n":{"type":"NUMBER"}}}},
                   {"name":"b","parametersJsonSchema":{"type":"object","properties":{"dir_path":{"type":"string",
                      "description":"Upper-case words like STRING in text stay."}},"required":["dir_path"]}}]}]}
                """);

        assertEquals(Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}"),
                r.tools().get(0).parameters());
        assertEquals(Json.MAPPER.readTree("""
                {"type":"object","properties":{"dir_path":{"type":"string",
                 "description":"Upper-case words like STRING in text stay."}},"required":["dir_path"]}
                """), r.tools().get(1).parameters());
    }
}
