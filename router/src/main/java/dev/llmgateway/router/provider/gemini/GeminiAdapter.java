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
 * {@code :streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}). The model is in the URL,
 * so a Gemini client's body is forwarded exactly as it came; clients of other dialects get their
 * canonical request encoded. Thread-safe.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final GatewayConfig.Provider provider;
    private final UpstreamTransport transport;
    private final Clock clock;
    private final String base;

    public GeminiAdapter(GatewayConfig.Provider provider, UpstreamTransport transport) {
        this.provider = provider;
        this.transport = transport;
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
        UpstreamResponse response = transport.send(request(call, false), call, this::failure);
        byte[] body = transport.readBody(response, call);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider.name()
                    + "' answered with a body that is not a JSON object.", "upstream_protocol_error");
        }
        return GeminiResponseDecoder.decode((ObjectNode) json, call.upstreamModel(), clock.millis() / 1000);
    }

    @Override
    public ChunkStream stream(UpstreamCall call) {
        UpstreamResponse response = transport.send(request(call, true), call, this::failure);
        return new SseChunkStream(response.body(), new GeminiStreamTranslator(provider.name()), provider.name(), call);
    }

    /**
     * Gemini's error conventions: the wait may be in the body (a {@code RetryInfo} with
     * {@code retryDelay}; {@code Retry-After} wins when present), and a bad API key is a 400
     * {@code API_KEY_INVALID}, which is the gateway's credential, so it is read like a 401.
     */
    private ProviderFailure failure(int status, java.util.function.Function<String, java.util.Optional<String>> headers,
                                    byte[] body) {
        java.time.Duration retryAfter = RetryAfter.parse(headers, clock)
                .or(() -> GeminiRetryInfo.parse(body))
                .orElse(null);
        int effective = status == 400
                && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("API_KEY_INVALID") ? 401 : status;
        return UpstreamErrors.fromStatus(provider.name(), effective, body, retryAfter);
    }

    private UpstreamRequest request(UpstreamCall call, boolean stream) {
        UpstreamRequest b = UpstreamRequest.post(endpoint(call.upstreamModel(), stream))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("x-request-id", call.requestId());
        Credentials.forCall(call, provider).ifPresent(k -> b.header("x-goog-api-key", k));
        provider.headers().forEach(b::header);
        call.forwardHeaders().forEach(b::header);
        return b.body(Json.bytes(body(call)));
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
