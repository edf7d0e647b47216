package dev.llmgateway.router.codec.gemini;

import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.spi.DecodeContext;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a Gemini path says: {@code /v1beta/models/{model}:{method}}. The model may itself
 * contain slashes ({@code provider/model} ids of this gateway), so the method is split off at the
 * last colon of the whole tail rather than matched per segment. Stateless.
 */
public final class GeminiEndpoint {

    /** The route prefix; the route itself is {@code PREFIX + "*"}. */
    public static final String PREFIX = "/v1beta/models/";

    private GeminiEndpoint() {
    }

    /** The decode context of a Helidon request to a Gemini route; throws a 404 for other methods. */
    public static DecodeContext context(ServerRequest req) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            req.query().first(name).ifPresent(v -> query.put(name, v));
        }
        return context(req.path().path(), query);
    }

    /** True for {@code /v1beta/models/{model}:countTokens}. */
    public static boolean isCountTokens(String path) {
        return path.startsWith(PREFIX) && path.endsWith(":countTokens");
    }

    /** The model of a {@code :countTokens} path; a 404 in Gemini's shape when it names none. */
    public static String countTokensModel(String path) {
        String tail = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        int colon = tail.lastIndexOf(':');
        String model = colon > 0 ? tail.substring(0, colon) : "";
        if (model.isBlank()) {
            throw new NotFoundException("The path names no model: use " + PREFIX + "{model}:countTokens.", "model",
                    "model_not_found");
        }
        return model;
    }

    static DecodeContext context(String path, Map<String, String> query) {
        String tail = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        int colon = tail.lastIndexOf(':');
        String model = colon > 0 ? tail.substring(0, colon) : "";
        String method = colon > 0 ? tail.substring(colon + 1) : "";
        boolean stream = switch (method) {
            case "generateContent" -> false;
            case "streamGenerateContent" -> true;
            default -> throw new NotFoundException("No route for POST " + path + ": this gateway serves "
                    + PREFIX + "{model}:generateContent, :streamGenerateContent and :countTokens.", null,
                    "unknown_route");
        };
        if (model.isBlank()) {
            throw new NotFoundException("The path names no model: use " + PREFIX + "{model}:" + method + ".",
                    "model", "model_not_found");
        }
        return new DecodeContext(Optional.of(model), stream, query);
    }
}
