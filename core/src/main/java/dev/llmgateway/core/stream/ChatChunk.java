package dev.llmgateway.core.stream;

import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.FinishReason;
import dev.llmgateway.core.chat.Usage;
import java.util.Objects;

/**
 * One canonical piece of a streamed answer, produced by a provider's {@link StreamTranslator} and
 * encoded by the client dialect's {@link dev.llmgateway.core.spi.ChunkEncoder}. Tool-call pieces
 * carry the call's index so parallel calls stay apart.
 */
public sealed interface ChatChunk {

    /** The answer began. */
    record Start(String id, String model) implements ChatChunk {
    }

    record TextDelta(int choice, String text) implements ChatChunk {
    }

    record ThinkingDelta(int choice, String text) implements ChatChunk {
    }

    /** The provider's opaque signature of the thinking just streamed (Anthropic), kept for round trips. */
    record ThinkingSignature(int choice, String signature) implements ChatChunk {
    }

    record ToolCallStart(int choice, int index, String id, String name) implements ChatChunk {
    }

    record ToolCallDelta(int choice, int index, String arguments) implements ChatChunk {
    }

    record Finish(int choice, FinishReason reason) implements ChatChunk {
    }

    /** Token counts; may come more than once, the last one wins. */
    record UsageReport(Usage usage) implements ChatChunk {
    }

    /**
     * An upstream event forwarded as it came, used when the client speaks the upstream's dialect;
     * an encoder of another dialect ignores it (the translator also emits the canonical pieces).
     */
    record NativeEvent(Dialect dialect, String event, String data) implements ChatChunk {
        public NativeEvent {
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(data, "data");
        }
    }
}
