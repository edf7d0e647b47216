package dev.llmgateway.router.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.codec.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's tools model as agents such as Gemini CLI and Codex meet it: a prompt that names an
 * offered tool calls that tool with the prompt's name=value arguments, and tool results (in every
 * dialect, Gemini's functionResponse included) end the loop with a text that quotes them.
 */
class SimulatorToolsTest {

    private static Simulator sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode post(String path, String body) throws Exception {
        URI uri = URI.create(sim.baseUri().toString().replaceFirst("/v1$", "") + path);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void promptNamingATool_callsJustThatTool_withItsArguments() throws Exception {
        JsonNode r = post("/v1/chat/completions", """
                {"model":"tools","messages":[{"role":"user","content":"Call read_file with file_path=notes.txt limit=5 mode='a b'"}],
                 "tools":[{"type":"function","function":{"name":"list_directory","parameters":{"type":"object",
                            "properties":{"dir_path":{"type":"string"}},"required":["dir_path"]}}},
                          {"type":"function","function":{"name":"read_file","parameters":{"type":"object",
                            "properties":{"file_path":{"type":"string"},"limit":{"type":"integer"},"mode":{"type":"string"},
                                          "kind":{"type":"string","enum":["text","binary"]},"offset":{"type":"integer"}},
                            "required":["file_path","kind"]}}}]}
                """);
        JsonNode calls = r.path("choices").path(0).path("message").path("tool_calls");
        assertEquals(1, calls.size());
        assertEquals("read_file", calls.path(0).path("function").path("name").asText());
        assertEquals(Json.MAPPER.readTree("{\"file_path\":\"notes.txt\",\"limit\":5,\"mode\":\"a b\",\"kind\":\"text\"}"),
                Json.MAPPER.readTree(calls.path(0).path("function").path("arguments").asText()),
                "given values typed by the schema; a required enum gets its first value; optional ones are left out");
    }

    @Test
    void geminiFunctionResponse_endsTheToolLoop_withTheResultInTheText() throws Exception {
        JsonNode r = post("/v1beta/models/tools:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"context"},{"text":"Call list_directory with dir_path=."}]},
                  {"role":"model","parts":[{"functionCall":{"id":"c1","name":"list_directory","args":{"dir_path":"."}},
                                            "thoughtSignature":"skip_thought_signature_validator"}]},
                  {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"list_directory",
                                                               "response":{"output":"notes.txt"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"list_directory",
                   "parametersJsonSchema":{"type":"object","properties":{"dir_path":{"type":"string"}}}}]}]}
                """);
        JsonNode parts = r.path("candidates").path(0).path("content").path("parts");
        assertEquals("Tool result: notes.txt", parts.path(0).path("text").asText());
        assertFalse(parts.path(0).has("functionCall"));
    }

    @Test
    void noToolNamed_keepsCallingTheFirstTools_withSchemaDefaults() throws Exception {
        JsonNode r = post("/v1/chat/completions", """
                {"model":"tools","messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                   "properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}}}}}]}
                """);
        assertEquals("{\"city\":\"example\",\"unit\":\"c\"}", r.path("choices").path(0).path("message")
                .path("tool_calls").path(0).path("function").path("arguments").asText());
    }

    @Test
    void jsonMode_answersAnObjectShapedByTheSchema() throws Exception {
        // the shape of Gemini CLI's model-routing classifier call (no -m): generateContent with a JSON schema
        JsonNode r = post("/v1beta/models/echo:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"how complex is this?"}]}],
                 "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{"type":"object",
                   "properties":{"complexity_reasoning":{"type":"string"},"complexity_score":{"type":"integer"}},
                   "required":["complexity_reasoning","complexity_score"]}}}
                """);
        assertEquals(Json.MAPPER.readTree("{\"complexity_reasoning\":\"example\",\"complexity_score\":1}"),
                Json.MAPPER.readTree(r.path("candidates").path(0).path("content").path("parts").path(0).path("text").asText()));
    }
}
