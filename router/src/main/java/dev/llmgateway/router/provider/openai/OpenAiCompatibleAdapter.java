package dev.llmgateway.router.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.NativeBody;
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
import dev.llmgateway.router.upstream.UpstreamRequest;
import dev.llmgateway.router.upstream.UpstreamResponse;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.net.URI;

/**
 * Any upstream that speaks OpenAI's Chat Completions API: OpenAI, OpenRouter, or a custom base URL.
 * Streams are always requested with usage included (so every stream can be billed); the client's
 * own choice is applied on the way out. The account's type (OpenAI key, OpenRouter key, custom
 * endpoint) puts the credential on the request and reads its errors.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    private final GatewayConfig.Provider provider;
    private final UpstreamTransport transport;
    private final AccountTypes types;
    private final URI endpoint;

    public OpenAiCompatibleAdapter(GatewayConfig.Provider provider, UpstreamTransport transport) {
        this(provider, transport, AccountTypes.defaults());
    }

    public OpenAiCompatibleAdapter(GatewayConfig.Provider provider, UpstreamTransport transport, AccountTypes types) {
        this.provider = provider;
        this.transport = transport;
        this.types = types;
        String base = provider.baseUri().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/chat/completions");
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_CHAT;
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
        if (json == null || !json.isObject()) {
            throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider.name()
                    + "' answered with a body that is not a JSON object.", "upstream_protocol_error");
        }
        return OpenAiResponseDecoder.decode((ObjectNode) json);
    }

    @Override
    public ChunkStream stream(UpstreamCall call) {
        UpstreamResponse response = send(call, true);
        return new SseChunkStream(response.body(), new OpenAiStreamTranslator(provider.name()), provider.name(), call);
    }

    private UpstreamResponse send(UpstreamCall call, boolean stream) {
        var type = types.forCall(call, provider);
        return transport.send(request(call, stream), call, (status, headers, body) ->
                transport.standardFailure(type.effectiveStatus(status, body), headers, body));
    }

    private UpstreamRequest request(UpstreamCall call, boolean stream) {
        UpstreamRequest b = UpstreamRequest.post(endpoint).via(call.egressProxy())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("x-request-id", call.requestId());
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(provider.headers());
        headers.putAll(call.forwardHeaders());
        ObjectNode body = body(call, stream);
        Preparation prepared = Preparation.of(headers, body, Credentials.forCall(call, provider));
        types.forCall(call, provider).prepare(prepared);
        return prepared.applyTo(b).body(Json.bytes(body));
    }

    /**
     * The body for the upstream: an OpenAI client's own body with the gateway's fields set (the
     * upstream's model name, usage in streams), or the canonical request encoded for clients of
     * other dialects.
     */
    static ObjectNode body(UpstreamCall call, boolean stream) {
        ChatRequest request = call.request();
        java.util.Optional<NativeBody> same = request.origin().filter(o -> o.dialect() == Dialect.OPENAI_CHAT);
        if (same.isEmpty()) {
            return OpenAiRequestEncoder.encode(request, call.upstreamModel(), stream);
        }
        NativeBody origin = same.get();
        ObjectNode body = Json.object();
        body.setAll(origin.json());
        body.put("model", call.upstreamModel());
        if (stream) {
            body.put("stream", true);
            ObjectNode options = Json.object();
            if (origin.json().path("stream_options").isObject()) {
                options.setAll((ObjectNode) origin.json().get("stream_options"));
            }
            options.put("include_usage", true);
            body.set("stream_options", options);
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        return body;
    }
}
