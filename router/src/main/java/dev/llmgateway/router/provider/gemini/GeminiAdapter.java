package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.spi.ChunkStream;
import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.accounttype.Preparation;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.provider.Credentials;
import dev.llmgateway.router.provider.SseChunkStream;
import dev.llmgateway.router.provider.UpstreamTransport;
import dev.llmgateway.router.upstream.RetryAfter;
import dev.llmgateway.router.upstream.UpstreamRequest;
import dev.llmgateway.router.upstream.UpstreamResponse;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * The Gemini API ({@code POST {base}/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}; the account's type puts the credential on the request: an
 * API key in {@code x-goog-api-key}, a Gemini CLI OAuth token as a bearer, and may send the request
 * elsewhere in an envelope and unwrap the answers: Gemini CLI accounts use Google's Code Assist API,
 * see {@code accounttype.CodeAssist}). The model is in the URL,
 * so a Gemini client's body is forwarded exactly as it came; clients of other dialects get their
 * canonical request encoded. Thread-safe.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final GatewayConfig.Provider provider;
    private final UpstreamTransport transport;
    private final AccountTypes types;
    private final Clock clock;
    private final String base;

    public GeminiAdapter(GatewayConfig.Provider provider, UpstreamTransport transport) {
        this(provider, transport, AccountTypes.defaults());
    }

    public GeminiAdapter(GatewayConfig.Provider provider, UpstreamTransport transport, AccountTypes types) {
        this.provider = provider;
        this.transport = transport;
        this.types = types;
        this.clock = transport.clock();
        String b = provider.baseUri().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    @Override
    public ChatResponse complete(UpstreamCall call) {
        UpstreamResponse response = send(call, false);
        byte[] body = transport.readBody(response, call);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        json = types.forCall(call, provider).unwrap(json);
        if (json == null || !json.isObject()) {
            throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider.name()
                    + "' answered with a body that is not a JSON object.", "upstream_protocol_error");
        }
        return GeminiResponseDecoder.decode((ObjectNode) json, call.upstreamModel(), clock.millis() / 1000);
    }

    @Override
    public ChunkStream stream(UpstreamCall call) {
        UpstreamResponse response = send(call, true);
        return new SseChunkStream(response.body(),
                types.forCall(call, provider).unwrapping(new GeminiStreamTranslator(provider.name())), provider.name(),
                call);
    }

    private UpstreamResponse send(UpstreamCall call, boolean stream) {
        var type = types.forCall(call, provider);
        return transport.send(request(call, stream), call, (status, headers, body) ->
                failure(type.effectiveStatus(status, body), headers, body));
    }

    /**
     * Gemini's error conventions: the wait may be in the body (a {@code RetryInfo} with
     * {@code retryDelay}; {@code Retry-After} wins when present). What a status means for the
     * account (a 400 {@code API_KEY_INVALID} is a bad key) is the account type's reading.
     */
    private ProviderFailure failure(int status, java.util.function.Function<String, java.util.Optional<String>> headers,
                                    byte[] body) {
        java.time.Duration retryAfter = RetryAfter.parse(headers, clock)
                .or(() -> GeminiRetryInfo.parse(body))
                .orElse(null);
        return UpstreamErrors.fromStatus(provider.name(), status, body, retryAfter);
    }

    /**
     * The request as the account's type prepares it: the credential, and for a type with its own
     * endpoint and envelope (Gemini CLI's Code Assist) another target and a wrapped body.
     */
    private UpstreamRequest request(UpstreamCall call, boolean stream) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(provider.headers());
        headers.putAll(call.forwardHeaders());
        ObjectNode body = body(call);
        Preparation prepared = Preparation.of(headers, body, Credentials.forCall(call, provider))
                .target(endpoint(call.upstreamModel(), stream)).call(call.upstreamModel(), stream)
                .account(call.credential()).fetch((uri, h, b) -> fetch(call, uri, h, b));
        types.forCall(call, provider).prepare(prepared);
        UpstreamRequest r = UpstreamRequest.post(prepared.target().orElseThrow()).via(call.egressProxy())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("x-request-id", call.requestId());
        return prepared.applyTo(r).body(Json.bytes(body));
    }

    /** A side request an account type makes first (Code Assist's {@code loadCodeAssist}), within the call's limits. */
    private JsonNode fetch(UpstreamCall call, URI uri, java.util.Map<String, String> headers, ObjectNode body) {
        var type = types.forCall(call, provider);
        UpstreamRequest r = UpstreamRequest.post(uri).via(call.egressProxy()).header("x-request-id", call.requestId());
        headers.forEach(r::header);
        UpstreamResponse response = transport.send(r.body(Json.bytes(body)), call, (status, h, b) ->
                failure(type.effectiveStatus(status, b), h, b));
        try {
            JsonNode json = Json.MAPPER.readTree(transport.readBody(response, call));
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // falls through to the protocol error
        }
        throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider.name()
                + "' answered " + uri.getPath() + " with a body that is not a JSON object.", "upstream_protocol_error");
    }

    /**
     * {@code models/<name>} for a plain model name; a name with a slash is already a resource path
     * ({@code tunedModels/x}) and is used as it is.
     */
    URI endpoint(String model, boolean stream) {
        String resource = model.contains("/") ? model : "models/" + model;
        return URI.create(base + "/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }

    /** A Gemini client's own body as it came (nothing in it names the model or streaming), or the encoding. */
    static ObjectNode body(UpstreamCall call) {
        ChatRequest request = call.request();
        return request.origin().filter(o -> o.dialect() == Dialect.GEMINI)
                .map(o -> o.json().deepCopy())
                .orElseGet(() -> GeminiRequestEncoder.encode(request, call.upstreamModel()));
    }
}
