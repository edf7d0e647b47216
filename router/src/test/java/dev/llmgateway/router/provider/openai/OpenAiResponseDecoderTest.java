package dev.llmgateway.router.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiResponseDecoderTest {

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(s.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decode_textAnswer_mapsIdModelChoicesAndUsage() {
        ObjectNode body = json("""
                {'id':'chatcmpl-1','object':'chat.completion','created':1700000000,'model':'gpt-4o-2024',
                 'choices':[{'index':0,'message':{'role':'assistant','content':'Hello'},'finish_reason':'stop'}],
                 'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15,
                   'prompt_tokens_details':{'cached_tokens':4},'completion_tokens_details':{'reasoning_tokens':1}}}
                """);
        ChatResponse r = OpenAiResponseDecoder.decode(body);
        assertEquals("chatcmpl-1", r.id());
        assertEquals("gpt-4o-2024", r.model());
        assertEquals(1700000000L, r.created());
        assertEquals(List.of(new Choice(0, Message.text(Role.ASSISTANT, "Hello"), Optional.of(FinishReason.STOP))),
                r.choices());
        assertEquals(Optional.of(new Usage(12, 3, 4, 0, 1)), r.usage());
        assertEquals(Dialect.OPENAI_CHAT, r.origin().orElseThrow().dialect());
        assertSame(body, r.origin().orElseThrow().json());
    }

    @Test
    void decode_toolCallsAndReasoning_becomeParts() {
        ChatResponse r = OpenAiResponseDecoder.decode(json("""
                {'id':'x','model':'m','choices':[{'index':0,'message':{'role':'assistant','content':null,
                  'reasoning_content':'think',
                  'tool_calls':[{'id':'call_1','type':'function','function':{'name':'f','arguments':'{}'}},
                                {'id':'call_2','type':'function','function':{'name':'g'}}]},
                  'finish_reason':'tool_calls'}]}
                """));
        assertEquals(List.of(new ContentPart.Thinking("think", Optional.empty()),
                        new ContentPart.ToolCall("call_1", "f", "{}"),
                        new ContentPart.ToolCall("call_2", "g", "{}")),
                r.choices().get(0).message().content());
        assertEquals(Optional.of(FinishReason.TOOL_CALLS), r.choices().get(0).finishReason());
        assertEquals(Optional.empty(), r.usage());
    }

    @Test
    void decode_missingFields_useDefaults() {
        ChatResponse r = OpenAiResponseDecoder.decode(json("{'choices':[{'message':{'content':'a'}},"
                + "{'message':{'content':'b'},'finish_reason':null}]}"));
        assertEquals("", r.id());
        assertEquals("", r.model());
        assertEquals(0, r.created());
        assertEquals(List.of(0, 1), r.choices().stream().map(Choice::index).toList());
        assertEquals(Optional.empty(), r.choices().get(1).finishReason());
    }
}
