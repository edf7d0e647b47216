package dev.llmgateway.router.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.chat.Dialect;
import dev.llmgateway.core.chat.NativeBody;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.spi.ChunkStream;
import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.core.spi.TokenCounter;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.accounttype.AccountType;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream that speaks Anthropic's Messages API. Requests from Anthropic clients are forwarded
 * as the client wrote them (only {@code model} and {@code stream} changed), so cache_control
 * markers and fields the gateway does not know survive; other dialects are encoded from the
 * canonical request. The client's {@code anthropic-version} and {@code anthropic-beta} headers are
 * passed on; without one, version {@value #DEFAULT_VERSION} is sent. The account's type puts the
 * credential on the request ({@code x-api-key}, or a Claude Code OAuth token with its beta and
 * system-prompt prefix) and reads its errors. Also counts tokens with the upstream's
 * {@code /messages/count_tokens}.
 */
public final class AnthropicAdapter implements ProviderAdapter, TokenCounter {

    static final String DEFAULT_VERSION = "2023-06-01";

    private final GatewayConfig.Provider provider;
    private final UpstreamTransport transport;
    private final AccountTypes types;
    private final Clock clock;
    private final URI messages;
    private final URI countTokens;

    public AnthropicAdapter(GatewayConfig.Provider provider, UpstreamTransport transport) {
        this(provider, transport, AccountTypes.defaults());
    }

    public AnthropicAdapter(GatewayConfig.Provider provider, UpstreamTransport transport, AccountTypes types) {
        this(provider, transport, types, Clock.systemUTC());
    }

    AnthropicAdapter(GatewayConfig.Provider provider, UpstreamTransport transport, AccountTypes types, Clock clock) {
        this.provider = provider;
        this.transport = transport;
        this.types = types;
        this.clock = clock;
        String base = provider.baseUri().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.messages = URI.create(base + "/messages");
        this.countTokens = URI.create(base + "/messages/count_tokens");
    }

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC_MESSAGES;
    }

    @Override
    public ChatResponse complete(UpstreamCall call) {
        ObjectNode json = readObject(send(request(messages, call, body(call, false), false), call), call);
        return AnthropicResponseDecoder.decode(json, clock.millis() / 1000);
    }

    @Override
    public ChunkStream stream(UpstreamCall call) {
        UpstreamResponse response = send(request(messages, call, body(call, true), true), call);
        return new SseChunkStream(response.body(), new AnthropicStreamTranslator(provider.name()), provider.name(), call);
    }

    @Override
    public long countTokens(UpstreamCall call) {
        ObjectNode json = readObject(send(request(countTokens, call, countBody(call), false), call), call);
        JsonNode n = json.path("input_tokens");
        if (!n.canConvertToLong()) {
            throw UpstreamErrors.failure(ErrorCategory.UPSTREAM, "Upstream provider '" + provider.name()
                    + "' answered count_tokens without input_tokens.", "upstream_protocol_error");
        }
        return n.longValue();
    }

    private ObjectNode readObject(UpstreamResponse response, UpstreamCall call) {
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
        return (ObjectNode) json;
    }

    /** Sends with the standard error reading, as the account's type sees the status. */
    private UpstreamResponse send(UpstreamRequest request, UpstreamCall call) {
        AccountType type = types.forCall(call, provider);
        return transport.send(request, call, (status, headers, body) ->
                transport.standardFailure(type.effectiveStatus(status, body), headers, body));
    }

    private UpstreamRequest request(URI uri, UpstreamCall call, ObjectNode body, boolean stream) {
        UpstreamRequest b = UpstreamRequest.post(uri).via(call.egressProxy())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("x-request-id", call.requestId());
        Preparation prepared = Preparation.of(headers(call), body, Credentials.forCall(call, provider));
        types.forCall(call, provider).prepare(prepared);
        return prepared.applyTo(b).body(Json.bytes(body));
    }

    /**
     * The version header (the client's, else the default), then the operator's headers for this
     * provider, then the other client headers the gateway forwards (anthropic-beta): one value per
     * name, later ones winning.
     */
    static Map<String, String> headers(GatewayConfig.Provider provider, Map<String, String> forwarded) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("anthropic-version", DEFAULT_VERSION);
        provider.headers().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        forwarded.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private Map<String, String> headers(UpstreamCall call) {
        return headers(provider, call.forwardHeaders());
    }

    /**
     * The body for the upstream: an Anthropic client's own body with the upstream's model name and
     * the stream flag set, or the canonical request encoded for clients of other dialects.
     */
    static ObjectNode body(UpstreamCall call, boolean stream) {
        ChatRequest request = call.request();
        Optional<NativeBody> same = request.origin().filter(o -> o.dialect() == Dialect.ANTHROPIC_MESSAGES);
        if (same.isEmpty()) {
            return AnthropicRequestEncoder.encode(request, call.upstreamModel(), stream);
        }
        ObjectNode body = Json.object();
        body.setAll(same.get().json());
        body.put("model", call.upstreamModel());
        if (stream) {
            body.put("stream", true);
        } else {
            body.remove("stream");
        }
        return body;
    }

    static ObjectNode countBody(UpstreamCall call) {
        ChatRequest request = call.request();
        Optional<NativeBody> same = request.origin().filter(o -> o.dialect() == Dialect.ANTHROPIC_MESSAGES);
        if (same.isEmpty()) {
            return AnthropicRequestEncoder.encodeForCount(request, call.upstreamModel());
        }
        ObjectNode body = Json.object();
        body.setAll(same.get().json());
        body.put("model", call.upstreamModel());
        return body;
    }
}
