package dev.llmgateway.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One turn of the conversation. */
public record Message(Role role, List<ContentPart> content, Optional<String> name) {

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)), Optional.empty());
    }

    /** All text parts joined, for logging, token estimates and classification. */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
