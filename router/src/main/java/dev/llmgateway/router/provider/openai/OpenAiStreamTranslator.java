package dev.llmgateway.router.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Translates an OpenAI {@code chat.completion.chunk} stream. Every event is also passed on as a
 * {@link ChatChunk.NativeEvent} (labelled {@code "usage"} for the usage-only chunk) so an OpenAI
 * client gets the upstream's bytes unchanged. Tool-call pieces are keyed by the upstream's
 * per-call {@code index}, so parallel calls stay apart.
 */
final class OpenAiStreamTranslator implements StreamTranslator {

    private final String provider;
    private boolean started;
    private boolean finished;

    OpenAiStreamTranslator(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<ChatChunk> out) {
        String data = event.data();
        if (data.equals("[DONE]")) {
            finished = true;
            return;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UpstreamException(ErrorCategory.UPSTREAM,
                    "Upstream provider '" + provider + "' sent a stream event that is not JSON.", "upstream_protocol_error");
        }
        if (json == null || !json.isObject()) {
            throw new UpstreamException(ErrorCategory.UPSTREAM,
                    "Upstream provider '" + provider + "' sent a stream event that is not a JSON object.",
                    "upstream_protocol_error");
        }
        if (json.has("error")) {
            JsonNode m = json.path("error").path("message");
            throw new UpstreamException(ErrorCategory.UPSTREAM, "Upstream provider '" + provider
                    + "' reported an error mid-stream: " + UpstreamErrors.scrub(m.asText("(no message)")),
                    "upstream_stream_error");
        }
        JsonNode choices = json.path("choices");
        JsonNode usage = json.path("usage");
        boolean usageOnly = usage.isObject() && (!choices.isArray() || choices.isEmpty());
        out.accept(new ChatChunk.NativeEvent(Dialect.OPENAI_CHAT, usageOnly ? "usage" : "message", data));
        if (!started) {
            started = true;
            out.accept(new ChatChunk.Start(json.path("id").asText(""), json.path("model").asText("")));
        }
        int position = 0;
        for (JsonNode c : choices) {
            int choice = c.path("index").asInt(position++);
            JsonNode delta = c.path("delta");
            String reasoning = OpenAiWire.reasoning(delta);
            if (reasoning != null && !reasoning.isEmpty()) {
                out.accept(new ChatChunk.ThinkingDelta(choice, reasoning));
            }
            JsonNode content = delta.path("content");
            if (content.isTextual() && !content.textValue().isEmpty()) {
                out.accept(new ChatChunk.TextDelta(choice, content.textValue()));
            }
            int callPosition = 0;
            for (JsonNode tc : delta.path("tool_calls")) {
                int index = tc.path("index").asInt(callPosition++);
                JsonNode fn = tc.path("function");
                if (tc.path("id").isTextual()) {
                    out.accept(new ChatChunk.ToolCallStart(choice, index, tc.path("id").textValue(),
                            fn.path("name").asText("")));
                }
                String args = fn.path("arguments").asText("");
                if (!args.isEmpty()) {
                    out.accept(new ChatChunk.ToolCallDelta(choice, index, args));
                }
            }
            JsonNode finish = c.path("finish_reason");
            if (finish.isTextual()) {
                out.accept(new ChatChunk.Finish(choice, OpenAiWire.finishReason(finish.textValue())));
            }
        }
        if (usage.isObject()) {
            out.accept(new ChatChunk.UsageReport(OpenAiWire.usage(usage)));
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
