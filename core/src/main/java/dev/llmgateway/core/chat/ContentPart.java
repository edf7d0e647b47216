package dev.llmgateway.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One typed piece of a message's content. */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image, either by URL or inline. {@code url} may be a {@code data:} URL; when the image is
     * inline, {@code mediaType} and {@code base64Data} are set and {@code url} is empty.
     */
    record Image(Optional<String> url, Optional<String> mediaType, Optional<String> base64Data,
                 Optional<String> detail) implements ContentPart {
    }

    /** A call the assistant asked for; {@code arguments} is the JSON text exactly as produced. */
    record ToolCall(String id, String name, String arguments) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** The result of a tool call, sent back by the client. */
    record ToolResult(String toolCallId, List<ContentPart> content, boolean isError) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            content = List.copyOf(content);
        }
    }

    /** Reasoning text; {@code signature} is the provider's opaque proof, kept for round trips. */
    record Thinking(String text, Optional<String> signature) implements ContentPart {
    }

    /** A part this model has no type for, kept as the dialect's own JSON so it is not lost. */
    record Opaque(Dialect dialect, JsonNode json) implements ContentPart {
    }
}
