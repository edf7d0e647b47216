package dev.llmgateway.router.upstream;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The status and headers of an upstream response, and its body, which the receiver must close. */
public record UpstreamResponse(int status, Function<String, Optional<String>> headers, BodySource body) {
    public UpstreamResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public Optional<String> header(String name) {
        return headers.apply(name);
    }
}
