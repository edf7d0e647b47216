package dev.llmgateway.router.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiStreamTranslatorTest {

    private final OpenAiStreamTranslator translator = new OpenAiStreamTranslator("acme");

    /** Single quotes stand for double quotes. */
    private static String q(String s) {
        return s.replace('\'', '"');
    }

    private List<ChatChunk> feed(String data) {
        List<ChatChunk> out = new ArrayList<>();
        translator.onEvent(new SseEvent("message", data), out::add);
        return out;
    }

    /** Everything but the native events, for streams fed as several events. */
    private List<ChatChunk> canonical(String... datas) {
        List<ChatChunk> out = new ArrayList<>();
        for (String d : datas) {
            for (ChatChunk c : feed(q(d))) {
                if (!(c instanceof ChatChunk.NativeEvent)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void onEvent_textStream_givesStartTextDeltasAndFinish() {
        List<ChatChunk> chunks = canonical(
                "{'id':'chatcmpl-1','model':'gpt-4o','choices':[{'index':0,'delta':{'role':'assistant','content':''},'finish_reason':null}]}",
                "{'id':'chatcmpl-1','model':'gpt-4o','choices':[{'index':0,'delta':{'content':'Hel'},'finish_reason':null}]}",
                "{'id':'chatcmpl-1','model':'gpt-4o','choices':[{'index':0,'delta':{'content':'lo'},'finish_reason':null}]}",
                "{'id':'chatcmpl-1','model':'gpt-4o','choices':[{'index':0,'delta':{},'finish_reason':'stop'}]}");
        assertEquals(List.of(
                new ChatChunk.Start("chatcmpl-1", "gpt-4o"),
                new ChatChunk.TextDelta(0, "Hel"),
                new ChatChunk.TextDelta(0, "lo"),
                new ChatChunk.Finish(0, FinishReason.STOP)), chunks);
        assertFalse(translator.finished());
    }

    @Test
    void onEvent_everyJsonEvent_emitsNativeEventFirstWithExactData() {
        String data = "{\"id\":\"x\",  \"model\":\"m\", \"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],"
                + "\"vendor_field\":{\"keep\":true}}";
        List<ChatChunk> chunks = feed(data);
        assertEquals(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", data), chunks.get(0));
        List<ChatChunk> second = feed(data);
        assertEquals(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", data), second.get(0));
        assertEquals(List.of(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", data),
                new ChatChunk.TextDelta(0, "hi")), second);
    }

    @Test
    void onEvent_startEmittedOnlyOnce() {
        List<ChatChunk> chunks = canonical(
                "{'id':'a','model':'m','choices':[{'index':0,'delta':{'content':'x'}}]}",
                "{'id':'b','model':'other','choices':[{'index':0,'delta':{'content':'y'}}]}");
        assertEquals(1, chunks.stream().filter(c -> c instanceof ChatChunk.Start).count());
        assertEquals(new ChatChunk.Start("a", "m"), chunks.get(0));
    }

    @Test
    void onEvent_parallelToolCalls_keepArgumentsPerIndex() {
        List<ChatChunk> chunks = canonical(
                "{'id':'c','model':'m','choices':[{'index':0,'delta':{'role':'assistant','tool_calls':["
                        + "{'index':0,'id':'call_a','type':'function','function':{'name':'get_weather','arguments':''}},"
                        + "{'index':1,'id':'call_b','type':'function','function':{'name':'get_time','arguments':''}}]}}]}",
                "{'id':'c','model':'m','choices':[{'index':0,'delta':{'tool_calls':["
                        + "{'index':1,'function':{'arguments':'{\\'tz\\':'}}]}}]}",
                "{'id':'c','model':'m','choices':[{'index':0,'delta':{'tool_calls':["
                        + "{'index':0,'function':{'arguments':'{\\'city\\':\\'Paris\\'}'}}]}}]}",
                "{'id':'c','model':'m','choices':[{'index':0,'delta':{'tool_calls':["
                        + "{'index':1,'function':{'arguments':'\\'UTC\\'}'}}]}}]}",
                "{'id':'c','model':'m','choices':[{'index':0,'delta':{},'finish_reason':'tool_calls'}]}");
        assertEquals(List.of(
                new ChatChunk.Start("c", "m"),
                new ChatChunk.ToolCallStart(0, 0, "call_a", "get_weather"),
                new ChatChunk.ToolCallStart(0, 1, "call_b", "get_time"),
                new ChatChunk.ToolCallDelta(0, 1, "{\"tz\":"),
                new ChatChunk.ToolCallDelta(0, 0, "{\"city\":\"Paris\"}"),
                new ChatChunk.ToolCallDelta(0, 1, "\"UTC\"}"),
                new ChatChunk.Finish(0, FinishReason.TOOL_CALLS)), chunks);

        StringBuilder args0 = new StringBuilder();
        StringBuilder args1 = new StringBuilder();
        for (ChatChunk c : chunks) {
            if (c instanceof ChatChunk.ToolCallDelta d) {
                (d.index() == 0 ? args0 : args1).append(d.arguments());
            }
        }
        assertEquals("{\"city\":\"Paris\"}", args0.toString());
        assertEquals("{\"tz\":\"UTC\"}", args1.toString());
    }

    @Test
    void onEvent_toolCallStartWithArgumentsInSameEvent_emitsStartThenDelta() {
        assertEquals(List.of(new ChatChunk.Start("c", "m"),
                        new ChatChunk.ToolCallStart(0, 0, "call_1", "f"),
                        new ChatChunk.ToolCallDelta(0, 0, "{}")),
                canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'tool_calls':["
                        + "{'index':0,'id':'call_1','function':{'name':'f','arguments':'{}'}}]}}]}"));
    }

    @Test
    void onEvent_toolCallsWithoutIndex_usePositionInList() {
        List<ChatChunk> chunks = canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'tool_calls':["
                + "{'id':'a','function':{'name':'f'}},{'id':'b','function':{'name':'g'}}]}}]}");
        assertEquals(List.of(new ChatChunk.Start("c", "m"),
                new ChatChunk.ToolCallStart(0, 0, "a", "f"),
                new ChatChunk.ToolCallStart(0, 1, "b", "g")), chunks);
    }

    @Test
    void onEvent_reasoningContent_becomesThinkingDelta() {
        assertEquals(List.of(new ChatChunk.Start("c", "m"), new ChatChunk.ThinkingDelta(0, "let me think")),
                canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'reasoning_content':'let me think'}}]}"));
    }

    @Test
    void onEvent_reasoningField_becomesThinkingDelta() {
        assertEquals(List.of(new ChatChunk.Start("c", "m"), new ChatChunk.ThinkingDelta(0, "hmm"),
                        new ChatChunk.TextDelta(0, "ok")),
                canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'reasoning':'hmm','content':'ok'}}]}"));
    }

    @Test
    void onEvent_emptyOrNullContent_emitsNoTextDelta() {
        assertEquals(List.of(new ChatChunk.Start("c", "m")),
                canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'content':null,'reasoning_content':''}}]}"));
    }

    @Test
    void onEvent_severalChoices_keepChoiceIndex() {
        assertEquals(List.of(new ChatChunk.Start("c", "m"), new ChatChunk.TextDelta(0, "a"),
                        new ChatChunk.TextDelta(1, "b")),
                canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{'content':'a'}},"
                        + "{'index':1,'delta':{'content':'b'}}]}"));
    }

    @ParameterizedTest
    @CsvSource({
            "stop, STOP",
            "length, LENGTH",
            "tool_calls, TOOL_CALLS",
            "function_call, TOOL_CALLS",
            "content_filter, CONTENT_FILTER",
            "something_new, OTHER",
    })
    void onEvent_finishReason_isMapped(String wire, FinishReason expected) {
        List<ChatChunk> chunks = canonical("{'id':'c','model':'m','choices':[{'index':0,'delta':{},'finish_reason':'"
                + wire + "'}]}");
        assertEquals(new ChatChunk.Finish(0, expected), chunks.get(chunks.size() - 1));
    }

    @Test
    void onEvent_usageOnlyChunk_isLabelledUsageAndReportsUsage() {
        String data = q("{'id':'c','model':'m','choices':[],'usage':{'prompt_tokens':100,'completion_tokens':20,"
                + "'total_tokens':120,'prompt_tokens_details':{'cached_tokens':64,'cache_write_tokens':8},"
                + "'completion_tokens_details':{'reasoning_tokens':12}}}");
        feed(q("{'id':'c','model':'m','choices':[{'index':0,'delta':{'content':'x'}}]}"));
        List<ChatChunk> chunks = feed(data);
        assertEquals(List.of(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "usage", data),
                new ChatChunk.UsageReport(new Usage(100, 20, 64, 8, 12))), chunks);
    }

    @Test
    void onEvent_usageWithoutDetails_hasZeroCachedAndReasoning() {
        List<ChatChunk> chunks = feed(q("{'choices':[],'usage':{'prompt_tokens':5,'completion_tokens':3}}"));
        assertEquals(new ChatChunk.UsageReport(new Usage(5, 3, 0, 0, 0)), chunks.get(chunks.size() - 1));
    }

    @Test
    void onEvent_usageAlongsideChoices_isLabelledMessage() {
        String data = q("{'id':'c','model':'m','choices':[{'index':0,'delta':{},'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':1,'completion_tokens':2}}");
        List<ChatChunk> chunks = feed(data);
        assertEquals(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, "message", data), chunks.get(0));
        assertEquals(new ChatChunk.Finish(0, FinishReason.STOP), chunks.get(2));
        assertEquals(new ChatChunk.UsageReport(new Usage(1, 2, 0, 0, 0)), chunks.get(3));
    }

    @Test
    void onEvent_nullUsage_isNotReported() {
        List<ChatChunk> chunks = feed(q("{'id':'c','model':'m','choices':[{'index':0,'delta':{'content':'x'}}],"
                + "'usage':null}"));
        assertTrue(chunks.stream().noneMatch(c -> c instanceof ChatChunk.UsageReport), chunks.toString());
        assertEquals("message", ((ChatChunk.NativeEvent) chunks.get(0)).event());
    }

    @Test
    void onEvent_done_setsFinishedAndEmitsNothing() {
        assertFalse(translator.finished());
        assertEquals(List.of(), feed("[DONE]"));
        assertTrue(translator.finished());
    }

    @Test
    void onEvent_errorEvent_throwsUpstreamExceptionWithScrubbedMessage() {
        List<ChatChunk> out = new ArrayList<>();
        UpstreamException e = assertThrows(UpstreamException.class, () -> translator.onEvent(new SseEvent("message",
                q("{'error':{'message':'Incorrect API key provided: sk-proj-abc123def456ghi. Bearer tok_9f8e7d',"
                        + "'type':'invalid_request_error'}}")), out::add));
        assertEquals(ErrorCategory.UPSTREAM, e.category());
        assertEquals(Optional.of("upstream_stream_error"), e.code());
        assertTrue(e.getMessage().contains("acme"), e.getMessage());
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-proj-abc123def456ghi"), e.getMessage());
        assertFalse(e.getMessage().contains("tok_9f8e7d"), e.getMessage());
        assertTrue(out.isEmpty(), "no chunk before the error: " + out);
    }

    @Test
    void onEvent_errorEventWithoutMessage_saysSo() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> feed("{\"error\":{\"code\":500}}"));
        assertTrue(e.getMessage().contains("(no message)"), e.getMessage());
    }

    @Test
    void onEvent_nonJsonData_throwsUpstreamProtocolError() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> feed("this is not json"));
        assertEquals(ErrorCategory.UPSTREAM, e.category());
        assertEquals(Optional.of("upstream_protocol_error"), e.code());
        assertTrue(e.getMessage().contains("acme"), e.getMessage());
    }

    @Test
    void onEvent_jsonButNotObject_throwsUpstreamProtocolError() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> feed("[1,2,3]"));
        assertEquals(Optional.of("upstream_protocol_error"), e.code());
    }

    @Test
    void onEvent_eventWithoutChoices_emitsNativeAndStartOnly() {
        List<ChatChunk> chunks = feed("{\"id\":\"c\",\"model\":\"m\"}");
        assertEquals(2, chunks.size(), chunks.toString());
        assertInstanceOf(ChatChunk.NativeEvent.class, chunks.get(0));
        assertEquals(new ChatChunk.Start("c", "m"), chunks.get(1));
    }
}
