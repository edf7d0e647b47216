package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.router.codec.Json;
import java.util.Locale;
import java.util.Map;

/** Small Gemini encodings with a rule of their own: images and thinking settings. */
final class GeminiMedia {

    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "webp", "image/webp", "gif", "image/gif", "heic", "image/heic",
            "heif", "image/heif");

    private GeminiMedia() {
    }

    /**
     * Inline images become {@code inlineData}; {@code data:} URLs are unpacked into it; other URLs
     * become {@code fileData} with the media type guessed from the file extension (omitted when
     * unknown). Gemini fetches only URLs it can reach (Files API, Cloud Storage, public HTTP for
     * recent models); others fail upstream with a 400 that is passed on.
     */
    static ObjectNode image(ContentPart.Image img) {
        ObjectNode part = Json.object();
        if (img.base64Data().isPresent()) {
            part.putObject("inlineData").put("mimeType", img.mediaType().orElse("image/png"))
                    .put("data", img.base64Data().get());
            return part;
        }
        String url = img.url().orElseThrow(() -> GeminiRequestEncoder.unsupported("an image needs data or a URL", img));
        if (url.startsWith("data:")) {
            int semi = url.indexOf(';');
            int comma = url.indexOf(',');
            if (semi > 5 && comma > semi && url.substring(semi, comma).equals(";base64")) {
                part.putObject("inlineData").put("mimeType", url.substring(5, semi)).put("data", url.substring(comma + 1));
                return part;
            }
            throw GeminiRequestEncoder.unsupported("only base64 data URLs can be sent", img);
        }
        ObjectNode fd = part.putObject("fileData");
        String mime = img.mediaType().orElseGet(() -> guess(url));
        if (mime != null) {
            fd.put("mimeType", mime);
        }
        fd.put("fileUri", url);
        return part;
    }

    private static String guess(String url) {
        String path = url.split("[?#]", 2)[0];
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : IMAGE_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * A reasoning effort as Gemini's {@code thinkingConfig}: Gemini 3 models take a
     * {@code thinkingLevel} (LOW or HIGH; "minimal"/"low" → LOW, "medium"/"high" → HIGH); older
     * models a {@code thinkingBudget} (minimal 0, low 1024, medium 8192, high 24576 tokens). Thoughts
     * are always asked for so the client sees the reasoning it asked for.
     */
    static ObjectNode thinking(String effort, String model) {
        ObjectNode t = Json.object().put("includeThoughts", true);
        String e = effort.toLowerCase(Locale.ROOT);
        if (model.startsWith("gemini-3")) {
            t.put("thinkingLevel", e.equals("minimal") || e.equals("low") || e.equals("none") ? "LOW" : "HIGH");
        } else {
            t.put("thinkingBudget", switch (e) {
                case "none", "minimal" -> 0;
                case "low" -> 1024;
                case "high" -> 24576;
                default -> 8192;
            });
        }
        return t;
    }
}
