package dev.llmgateway.router.codec.responses;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Role;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Content parts of a Responses message or tool output. {@code input_text} and {@code output_text}
 * are both accepted in any role (clients replay earlier output as input); a refusal becomes text;
 * images by URL or data URL. Files ({@code file_id}, {@code input_file}) and audio are a 400: the
 * gateway has no file store and no upstream-neutral way to send them.
 */
final class ResponsesContent {

    private ResponsesContent() {
    }

    static List<ContentPart> parts(JsonNode node, String p, Role role) {
        if (absent(node)) {
            throw invalid(p, "is required");
        }
        if (node.isTextual()) {
            return new ArrayList<>(List.of(new ContentPart.Text(node.textValue())));
        }
        if (!node.isArray()) {
            throw invalid(p, "must be a string or a list of content parts");
        }
        List<ContentPart> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String pp = p + "[" + i + "]";
            if (!part.isObject()) {
                throw invalid(pp, "must be an object");
            }
            String type = Fields.requiredString(part, "type", pp + ".type");
            out.add(switch (type) {
                case "input_text", "output_text" -> new ContentPart.Text(Fields.string(part, "text", pp + ".text")
                        .orElseThrow(() -> invalid(pp + ".text", "is required")));
                case "refusal" -> new ContentPart.Text(Fields.string(part, "refusal", pp + ".refusal").orElse(""));
                case "input_image" -> image(part, pp, role);
                default -> throw new InvalidRequestException("Content of type '" + type + "' is not supported by "
                        + "this gateway; use input_text, output_text or input_image.", pp + ".type",
                        "unsupported_content");
            });
        }
        return out;
    }

    private static ContentPart image(JsonNode part, String p, Role role) {
        if (role == Role.ASSISTANT) {
            throw invalid(p + ".type", "input_image is not allowed in an assistant message");
        }
        if (!absent(part.get("file_id"))) {
            throw new InvalidRequestException("Images by 'file_id' need OpenAI's file store; send 'image_url' "
                    + "(a URL or a data URL) instead.", p + ".file_id", "unsupported_content");
        }
        String url = Fields.requiredString(part, "image_url", p + ".image_url");
        Optional<String> detail = Fields.string(part, "detail", p + ".detail");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semi = url.indexOf(';');
            if (comma < 0 || semi < 0 || semi > comma || !url.substring(semi, comma).equals(";base64")) {
                throw invalid(p + ".image_url", "a data URL must look like data:<media type>;base64,<data>");
            }
            return new ContentPart.Image(Optional.empty(), Optional.of(url.substring(5, semi)),
                    Optional.of(url.substring(comma + 1)), detail);
        }
        return new ContentPart.Image(Optional.of(url), Optional.empty(), Optional.empty(), detail);
    }
}
