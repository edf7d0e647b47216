package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.upstream.UpstreamRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One upstream request while its account type prepares it: the headers (one value per name, names
 * lower case), the JSON body when there is one, and the secret to present (absent for a keyless
 * endpoint). Not thread-safe; one per request. Never printed: {@link #toString} names no value.
 */
public final class Preparation {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Optional<ObjectNode> body;
    private final Optional<String> secret;

    private Preparation(Map<String, String> headers, Optional<ObjectNode> body, Optional<String> secret) {
        headers.forEach(this::header);
        this.body = body;
        this.secret = secret;
    }

    /** A request with a JSON body; {@code body} is changed in place. */
    public static Preparation of(Map<String, String> headers, ObjectNode body, Optional<String> secret) {
        return new Preparation(headers, Optional.of(body), secret);
    }

    /** A request without a body (a health probe). */
    public static Preparation headersOnly(Map<String, String> headers, Optional<String> secret) {
        return new Preparation(headers, Optional.empty(), secret);
    }

    public Optional<String> secret() {
        return secret;
    }

    public Optional<ObjectNode> body() {
        return body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Sets a header, replacing any value it had. */
    public Preparation header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public Preparation removeHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The headers as prepared, in the order they were first set. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Adds every prepared header to {@code request}. */
    public UpstreamRequest applyTo(UpstreamRequest request) {
        headers.forEach(request::header);
        return request;
    }

    @Override
    public String toString() {
        return "Preparation[headers=" + headers.keySet() + ", body=" + body.isPresent() + "]";
    }
}
