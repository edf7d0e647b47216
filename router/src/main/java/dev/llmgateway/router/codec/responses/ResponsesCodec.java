package dev.llmgateway.router.codec.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Choice;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI Responses dialect ({@code POST /v1/responses}) as an ingress, served from any upstream
 * through the canonical model; no upstream speaks it, so answers and streams are always encoded from
 * canonical. Errors use the same body as Chat Completions ({@code {"error":{message,type,param,code}}}).
 * Stateless.
 */
public final class ResponsesCodec implements FormatCodec {

    private static final OpenAiChatCodec ERRORS = new OpenAiChatCodec();

    private final Clock clock;

    public ResponsesCodec() {
        this(Clock.systemUTC());
    }

    /** {@code clock} stamps {@code created_at}. */
    public ResponsesCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_RESPONSES;
    }

    @Override
    public ChatRequest decode(byte[] body, DecodeContext context) {
        return ResponsesRequestDecoder.decode(body);
    }

    /**
     * The first choice as a Response object. The request is not known here, so settings the API
     * echoes (tools, temperature, ...) are reported with neutral values, and a function of a
     * {@code namespace} tool keeps its flattened name ({@code <namespace>__<name>}).
     */
    @Override
    public byte[] encodeResponse(ChatResponse response) {
        String id = ResponsesObjects.responseId(response.id());
        Optional<Choice> choice = response.choices().stream().findFirst();
        ArrayNode output = output(id, choice.map(Choice::message));
        ResponsesObjects.Outcome outcome = ResponsesObjects.Outcome.finished(
                choice.flatMap(Choice::finishReason), response.usage());
        if (outcome.status().equals("incomplete") && !output.isEmpty()) {
            ((ObjectNode) output.get(output.size() - 1)).put("status", "incomplete");
        }
        long createdAt = response.created() > 0 ? response.created() : clock.instant().getEpochSecond();
        return Json.bytes(ResponsesObjects.envelope(id, createdAt, response.model(), output, outcome,
                Optional.empty()));
    }

    /** Output items in the order of the message's parts; consecutive text parts form one message item. */
    private static ArrayNode output(String id, Optional<Message> message) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        if (message.isEmpty()) {
            return output;
        }
        StringBuilder text = null;
        for (ContentPart part : message.get().content()) {
            if (part instanceof ContentPart.Text t) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(t.text());
                continue;
            }
            if (text != null) {
                output.add(ResponsesObjects.messageItem(ResponsesObjects.itemId("msg", id, output.size()),
                        "completed", text.toString()));
                text = null;
            }
            switch (part) {
                case ContentPart.Thinking t -> output.add(ResponsesObjects.reasoningItem(
                        ResponsesObjects.itemId("rs", id, output.size()), "completed", t.text(), t.signature()));
                case ContentPart.ToolCall c -> output.add(ResponsesObjects.functionCallItem(
                        ResponsesObjects.itemId("fc", id, output.size()), "completed", c.id(), c.name(),
                        c.arguments(), Map.of()));
                default -> {
                    // images, tool results and foreign parts do not appear in an assistant answer
                }
            }
        }
        if (text != null) {
            output.add(ResponsesObjects.messageItem(ResponsesObjects.itemId("msg", id, output.size()),
                    "completed", text.toString()));
        }
        return output;
    }

    @Override
    public byte[] encodeError(GatewayException error) {
        return ERRORS.encodeError(error);
    }

    @Override
    public ChunkEncoder newChunkEncoder(ChatRequest request) {
        return new ResponsesChunkEncoder(request, clock.instant().getEpochSecond());
    }
}
