package dev.llmgateway.router.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleAdapterTest {

    private static final String FULL = """
            {'model':'fast','messages':[{'role':'user','content':'hi'}],
             'tools':[{'type':'function','function':{'name':'f','parameters':{'type':'object'}}}],
             'tool_choice':'auto','seed':7,'logprobs':true,'top_logprobs':2,'user':'u-1',
             'metadata':{'team':'a'},'x_vendor_extension':{'nested':[1,{'deep':true}]},
             'stream':true,'stream_options':{'include_usage':false,'include_obfuscation':false}}
            """;

    private static JsonNode tree(String s) {
        try {
            return Json.MAPPER.readTree(s.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static UpstreamCall call(String body) {
        ChatRequest request = new OpenAiChatCodec().decode(body.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        return new UpstreamCall(request, "gpt-4o-mini", Deadline.after(Duration.ofHours(1)), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Map.of(), "req-1");
    }

    @Test
    void body_stream_keepsClientFieldsAndSetsModelAndUsage() {
        UpstreamCall call = call(FULL);
        ObjectNode expected = (ObjectNode) tree(FULL);
        expected.put("model", "gpt-4o-mini");
        ((ObjectNode) expected.get("stream_options")).put("include_usage", true);
        assertEquals(expected, OpenAiCompatibleAdapter.body(call, true));
    }

    @Test
    void body_streamWithoutStreamOptions_addsIncludeUsage() {
        UpstreamCall call = call("{'model':'fast','messages':[{'role':'user','content':'hi'}],'stream':true}");
        assertEquals(tree("{'model':'gpt-4o-mini','messages':[{'role':'user','content':'hi'}],'stream':true,"
                + "'stream_options':{'include_usage':true}}"), OpenAiCompatibleAdapter.body(call, true));
    }

    @Test
    void body_streamForNonStreamingClient_forcesStreamTrue() {
        UpstreamCall call = call("{'model':'fast','messages':[{'role':'user','content':'hi'}]}");
        ObjectNode body = OpenAiCompatibleAdapter.body(call, true);
        assertEquals(true, body.path("stream").booleanValue());
        assertEquals(tree("{'include_usage':true}"), body.path("stream_options"));
    }

    @Test
    void body_nonStream_removesStreamFieldsAndKeepsTheRest() {
        UpstreamCall call = call(FULL);
        ObjectNode expected = (ObjectNode) tree(FULL);
        expected.put("model", "gpt-4o-mini");
        expected.remove("stream");
        expected.remove("stream_options");
        assertEquals(expected, OpenAiCompatibleAdapter.body(call, false));
    }

    @Test
    void body_eitherMode_doesNotChangeTheOriginBody() {
        UpstreamCall call = call(FULL);
        JsonNode before = call.request().origin().orElseThrow().json().deepCopy();
        OpenAiCompatibleAdapter.body(call, true);
        OpenAiCompatibleAdapter.body(call, false);
        assertEquals(before, call.request().origin().orElseThrow().json());
        assertEquals("fast", call.request().origin().orElseThrow().json().path("model").asText());
    }

    @Test
    void body_changingResult_doesNotChangeTheOriginStreamOptions() {
        UpstreamCall call = call(FULL);
        ObjectNode body = OpenAiCompatibleAdapter.body(call, true);
        ((ObjectNode) body.get("stream_options")).put("include_usage", "changed");
        assertFalse(call.request().origin().orElseThrow().json().path("stream_options").path("include_usage")
                .isTextual());
    }

    @Test
    void body_requestWithOriginOfOtherDialect_isEncodedFromCanonical() {
        ChatRequest decoded = call("{'model':'fast','messages':[{'role':'user','content':'hi'}],'seed':3}").request();
        ChatRequest foreign = new ChatRequest(decoded.model(), decoded.messages(), decoded.tools(),
                decoded.toolChoice(), decoded.responseFormat(), decoded.sampling(), true, false, Optional.empty(),
                Optional.of(new NativeBody(Dialect.ANTHROPIC_MESSAGES, (ObjectNode) tree("{'x_anthropic_only':1}"))));
        UpstreamCall call = new UpstreamCall(foreign, "gpt-4o-mini", Deadline.after(Duration.ofHours(1)),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of(), "req-1");
        assertEquals(tree("{'model':'gpt-4o-mini','messages':[{'role':'user','content':'hi'}],'seed':3,"
                + "'stream':true,'stream_options':{'include_usage':true}}"), reparsed(OpenAiCompatibleAdapter.body(call, true)));
        assertEquals(tree("{'model':'gpt-4o-mini','messages':[{'role':'user','content':'hi'}],'seed':3}"),
                reparsed(OpenAiCompatibleAdapter.body(call, false)));
    }

    /** The tree as a client would read it from the wire (Jackson tells an int node from a long node of equal value). */
    private static JsonNode reparsed(JsonNode node) {
        return tree(Json.text(node));
    }
}
