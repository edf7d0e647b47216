package dev.llmgateway.router.codec.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.codec.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What Codex CLI 0.169.0 sends for a model of its own catalog (e.g. {@code gpt-5.5}): a freeform
 * {@code custom} tool ({@code apply_patch} with a lark grammar) and a client-side {@code tool_search}
 * next to its functions. Before, the gateway refused both with 400 {@code unsupported_tool}, so Codex
 * could not run at all with such a model name.
 */
class ResponsesCustomToolTest {

    private static final ResponsesCodec CODEC = new ResponsesCodec(
            Clock.fixed(Instant.ofEpochSecond(1_700_000_500), ZoneOffset.UTC));

    /** The shape of Codex's request for gpt-5.5, trimmed: same tool kinds and fields, shorter texts. */
    private static final String CODEX_GPT55 = """
            {"model":"gpt-5.5","stream":true,"store":false,"tool_choice":"auto","parallel_tool_calls":true,
             "reasoning":{"effort":"medium"},"include":["reasoning.encrypted_content"],"text":{"verbosity":"low"},
             "prompt_cache_key":"s-1","client_metadata":{"turn_id":"t-1"},
             "input":[{"type":"message","id":"msg_1","role":"developer","content":[{"type":"input_text","text":"You are Codex."}]},
                      {"type":"message","id":"msg_2","role":"user","content":[{"type":"input_text","text":"Add hello.txt"}]}],
             "tools":[
               {"type":"function","name":"exec_command","description":"Runs a command.","strict":false,
                "parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},
               {"type":"custom","name":"apply_patch","description":"Edits files. This is a FREEFORM tool.",
                "format":{"type":"grammar","syntax":"lark",
                          "definition":"start: begin_patch hunk+ end_patch\\nbegin_patch: \\"*** Begin Patch\\" LF\\n"}},
               {"type":"tool_search","execution":"client","description":"Searches deferred tools.",
                "parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}},
               {"type":"web_search","external_web_access":false,"search_content_types":["text","image"]}]}
            """;

    private static ChatRequest decode(String json) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void customTool_becomesAFunctionWithOneStringInput_andToolSearchIsLeftOut() {
        ChatRequest r = decode(CODEX_GPT55);

        assertEquals(List.of("exec_command", "apply_patch"), r.tools().stream().map(ToolDefinition::name).toList());
        ToolDefinition patch = r.tools().get(1);
        String description = patch.description().orElseThrow();
        assertTrue(description.startsWith("Edits files. This is a FREEFORM tool."), description);
        assertTrue(description.contains("lark grammar:\nstart: begin_patch hunk+ end_patch"), description);
        JsonNode params = patch.parameters();
        assertEquals("string", params.path("properties").path("input").path("type").asText());
        assertEquals("input", params.path("required").path(0).asText());
        assertFalse(params.path("additionalProperties").asBoolean(true));
        assertEquals(Optional.of("medium"), r.sampling().reasoningEffort());
    }

    @Test
    void customToolCallAndOutput_inInput_becomeToolCallAndResult() {
        ChatRequest r = decode("""
                {"model":"m","input":[
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"Add hello.txt"}]},
                  {"type":"custom_tool_call","id":"ctc_1","status":"completed","call_id":"call_p","name":"apply_patch",
                   "input":"*** Begin Patch\\n*** Add File: hello.txt\\n+hi\\n*** End Patch\\n"},
                  {"type":"custom_tool_call_output","call_id":"call_p","output":"Success. Updated: A hello.txt"}],
                 "tools":[{"type":"custom","name":"apply_patch","description":"Edits files."}]}
                """);

        assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL), r.messages().stream().map(Message::role).toList());
        ContentPart.ToolCall call = (ContentPart.ToolCall) r.messages().get(1).content().get(0);
        assertEquals("call_p", call.id());
        assertEquals("apply_patch", call.name());
        assertEquals("*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n",
                Json.MAPPER.valueToTree(parse(call.arguments())).path("input").asText());
        assertEquals(new ContentPart.ToolResult("call_p", List.of(new ContentPart.Text("Success. Updated: A hello.txt")),
                false), r.messages().get(2).content().get(0));
    }

    @Test
    void toolChoice_canForceACustomTool_butNotAnUndeclaredOne() {
        String body = CODEX_GPT55.replace("\"tool_choice\":\"auto\"",
                "\"tool_choice\":{\"type\":\"custom\",\"name\":\"apply_patch\"}");
        assertEquals(Optional.of(new ToolChoice.Named("apply_patch")), decode(body).toolChoice());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> decode(CODEX_GPT55.replace(
                "\"tool_choice\":\"auto\"", "\"tool_choice\":{\"type\":\"custom\",\"name\":\"exec_command\"}")));
        assertEquals(Optional.of("tool_choice.name"), e.param());
    }

    @Test
    void streamedCallOfACustomTool_isACustomToolCallItemWithTheRawInput() {
        ChunkEncoder encoder = CODEC.newChunkEncoder(decode(CODEX_GPT55));
        String patch = "*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n";
        String args = Json.text(Json.object().put("input", patch));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatChunk c : List.of(
                new ChatChunk.Start("chatcmpl-x", "gpt-5.5"),
                new ChatChunk.ToolCallStart(0, 0, "call_p", "apply_patch"),
                new ChatChunk.ToolCallDelta(0, 0, args.substring(0, 10)),
                new ChatChunk.ToolCallDelta(0, 0, args.substring(10)),
                new ChatChunk.ToolCallStart(0, 1, "call_e", "exec_command"),
                new ChatChunk.ToolCallDelta(0, 1, "{\"cmd\":\"ls\"}"),
                new ChatChunk.Finish(0, FinishReason.TOOL_CALLS),
                new ChatChunk.UsageReport(new Usage(10, 5, 0, 0, 0)))) {
            out.writeBytes(encoder.encode(c));
        }
        out.writeBytes(encoder.end());
        List<JsonNode> events = ResponsesChunkEncoderTest.events(out.toString(StandardCharsets.UTF_8));

        List<String> names = events.stream().map(e -> e.path("event").asText()).toList();
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added",                     // custom_tool_call, input ""
                "response.output_item.added",                     // function_call
                "response.function_call_arguments.delta",
                "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
                "response.output_item.done",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.completed"), names);
        JsonNode added = events.get(2).path("data").path("item");
        assertEquals("custom_tool_call", added.path("type").asText());
        assertEquals("", added.path("input").asText());
        assertTrue(added.path("id").asText().startsWith("ctc_"), added.toString());
        assertEquals(patch, events.get(5).path("data").path("delta").asText());
        assertEquals(patch, events.get(6).path("data").path("input").asText());
        JsonNode done = events.get(7).path("data").path("item");
        assertEquals("custom_tool_call", done.path("type").asText());
        assertEquals("completed", done.path("status").asText());
        assertEquals("call_p", done.path("call_id").asText());
        assertEquals("apply_patch", done.path("name").asText());
        assertEquals(patch, done.path("input").asText());
        assertFalse(done.has("arguments"));
        JsonNode output = events.get(10).path("data").path("response").path("output");
        assertEquals("custom_tool_call", output.path(0).path("type").asText());
        assertEquals(patch, output.path(0).path("input").asText());
        assertEquals("function_call", output.path(1).path("type").asText());
    }

    /** The shape of Codex's "responses lite" request (gpt-6-* models of its catalog), trimmed. */
    private static final String CODEX_LITE = """
            {"model":"gpt-6-astra","stream":true,"store":false,"tool_choice":"auto","parallel_tool_calls":true,
             "reasoning":{"effort":"low","context":"all_turns"},"include":["reasoning.encrypted_content"],
             "text":{"verbosity":"low"},
             "input":[
               {"type":"additional_tools","id":"at_1","role":"developer","tools":[
                 {"type":"namespace","name":"functions","description":"Core tools.","tools":[
                   {"type":"custom","name":"exec","description":"Runs code.",
                    "format":{"type":"grammar","syntax":"lark","definition":"start: /(.|\\n)+/"}},
                   {"type":"function","name":"wait","parameters":{"type":"object","properties":{"cell_id":{"type":"string"}}}}]},
                 {"type":"namespace","name":"clock","tools":[
                   {"type":"function","name":"sleep","parameters":{"type":"object","properties":{"duration_ms":{"type":"number"}}}}]}]},
               {"type":"message","role":"developer","content":[{"type":"input_text","text":"You are Codex."}]},
               {"type":"message","role":"user","content":[{"type":"input_text","text":"list files"}]},
               {"type":"custom_tool_call","call_id":"call_1","namespace":"functions","name":"exec","input":"ls()"},
               {"type":"custom_tool_call_output","call_id":"call_1","output":"a.txt"}]}
            """;

    @Test
    void additionalToolsItem_declaresTools_andIsNoMessage() {
        ChatRequest r = decode(CODEX_LITE);

        assertEquals(List.of("functions__exec", "functions__wait", "clock__sleep"),
                r.tools().stream().map(ToolDefinition::name).toList());
        assertEquals("string", r.tools().get(0).parameters().path("properties").path("input").path("type").asText());
        assertTrue(r.tools().get(0).description().orElseThrow().startsWith("Core tools.\n\nRuns code."),
                r.tools().get(0).description().orElseThrow());
        assertEquals(List.of(Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL),
                r.messages().stream().map(Message::role).toList());
        ContentPart.ToolCall call = (ContentPart.ToolCall) r.messages().get(2).content().get(0);
        assertEquals("functions__exec", call.name(), "a namespaced custom call is flattened like a function call");
        assertEquals("ls()", parse(call.arguments()).path("input").asText());
        assertEquals(Optional.of("low"), r.sampling().reasoningEffort());
    }

    @Test
    void streamedCallOfANamespacedCustomTool_isReportedUnderItsNamespace() {
        ChunkEncoder encoder = CODEC.newChunkEncoder(decode(CODEX_LITE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatChunk c : List.of(
                new ChatChunk.Start("chatcmpl-y", "gpt-6-astra"),
                new ChatChunk.ToolCallStart(0, 0, "call_2", "functions__exec"),
                new ChatChunk.ToolCallDelta(0, 0, "{\"input\":\"ls()\"}"),
                new ChatChunk.ToolCallStart(0, 1, "call_3", "clock__sleep"),
                new ChatChunk.ToolCallDelta(0, 1, "{\"duration_ms\":5}"),
                new ChatChunk.Finish(0, FinishReason.TOOL_CALLS))) {
            out.writeBytes(encoder.encode(c));
        }
        out.writeBytes(encoder.end());
        List<JsonNode> events = ResponsesChunkEncoderTest.events(out.toString(StandardCharsets.UTF_8));
        JsonNode output = events.get(events.size() - 1).path("data").path("response").path("output");

        assertEquals("custom_tool_call", output.path(0).path("type").asText());
        assertEquals("functions", output.path(0).path("namespace").asText());
        assertEquals("exec", output.path(0).path("name").asText());
        assertEquals("ls()", output.path(0).path("input").asText());
        assertEquals("function_call", output.path(1).path("type").asText());
        assertEquals("clock", output.path(1).path("namespace").asText());
        assertEquals("sleep", output.path(1).path("name").asText());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
