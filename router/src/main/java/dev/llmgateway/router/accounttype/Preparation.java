package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.upstream.UpstreamRequest;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One upstream request while its account type prepares it: the headers (one value per name, names
 * lower case), the JSON body when there is one, and the secret to present (absent for a keyless
 * endpoint). An adapter may also say where the request goes ({@link #target}, which a type may
 * change), for which model and whether it streams, which account it is for with that account's
 * options, and how a type may ask the same upstream something first ({@link Fetch}). Not
 * thread-safe; one per request. Never printed: {@link #toString} names no value.
 */
public final class Preparation {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Optional<ObjectNode> body;
    private final Optional<String> secret;
    private URI target;
    private String model;
    private boolean stream;
    private String account = "";
    private Map<String, String> options = Map.of();
    private Fetch fetch;

    /**
     * A side request to the upstream, made for the type before the request itself (a Code Assist
     * project lookup): POSTs {@code body} with {@code headers} (the type's own credential headers)
     * and answers the JSON. Runs within the request's deadline and through the account's proxy;
     * an error status throws the adapter's {@link dev.llmgateway.core.spi.ProviderFailure}.
     */
    @FunctionalInterface
    public interface Fetch {
        JsonNode post(URI uri, Map<String, String> headers, ObjectNode body);
    }

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

    /** Where the request goes: the adapter's URI unless the type changed it. */
    public Optional<URI> target() {
        return Optional.ofNullable(target);
    }

    public Preparation target(URI uri) {
        this.target = uri;
        return this;
    }

    /** The model the upstream is asked for and whether the answer streams. */
    public Preparation call(String upstreamModel, boolean streaming) {
        this.model = upstreamModel;
        this.stream = streaming;
        return this;
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public boolean stream() {
        return stream;
    }

    /** The account the credential belongs to, with its type options (from the credential, if tied to one). */
    public Preparation account(Optional<Credential> credential) {
        credential.ifPresent(c -> {
            this.account = c.account();
            this.options = c.options();
        });
        return this;
    }

    /** The account's id; empty when the credential is the provider's own key. */
    public String account() {
        return account;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
    }

    public Preparation fetch(Fetch f) {
        this.fetch = f;
        return this;
    }

    public Optional<Fetch> fetch() {
        return Optional.ofNullable(fetch);
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
