package dev.llmgateway.core.spi;

import java.util.Map;
import java.util.Optional;

/**
 * What the endpoint itself says about a request, for dialects that put part of the request in the
 * URL (Gemini names the model and streaming in the path): the model from the path, whether the
 * path asks for a stream, and the query parameters.
 */
public record DecodeContext(Optional<String> pathModel, boolean pathStream, Map<String, String> query) {

    public DecodeContext {
        query = Map.copyOf(query);
    }

    public static DecodeContext none() {
        return new DecodeContext(Optional.empty(), false, Map.of());
    }
}
