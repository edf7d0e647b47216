package dev.llmgateway.router.server;

import dev.llmgateway.router.pipeline.TokenEstimator;
import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InternalException;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.TokenCounter;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /v1/messages/count_tokens}: authenticates, resolves the model like a messages
 * request, and asks the upstream when its adapter can count tokens (Anthropic). Otherwise it
 * answers an estimate: {@link #estimate}. Errors are in Anthropic's shape.
 */
final class CountTokensHandler implements Handler {

    private static final Logger LOG = Logger.getLogger(CountTokensHandler.class.getName());
    private static final List<String> FORWARDED = List.of("anthropic-version", "anthropic-beta");

    private final Gateway gateway;
    private final AnthropicCodec codec;
    private final AccessLog accessLog;

    CountTokensHandler(Gateway gateway, AnthropicCodec codec, AccessLog accessLog) {
        this.gateway = gateway;
        this.codec = codec;
        this.accessLog = accessLog;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String requestId = req.context().get(RequestId.class).map(RequestId::value).orElse("-");
        HelidonResponseWriter writer = new HelidonResponseWriter(res);
        try {
            ClientIdentity caller = gateway.auth().authenticate(n -> req.headers().first(HeaderNames.create(n)),
                    ClientAddress.of(req), Permission.READ_ONLY);
            ChatRequest request = codec.decodeCountTokens(BodyReader.read(req, gateway.config().server().maxBodyBytes()));
            Target target = gateway.catalog().plan(request, caller).first();
            long tokens = count(request, target, headers(req), requestId);
            writer.json(Status.OK_200.code(), Json.bytes(Json.object().put("input_tokens", tokens)),
                    Map.of("x-gateway-upstream", target.id()));
        } catch (GatewayException e) {
            fail(writer, e);
        } catch (ProviderFailure e) {
            fail(writer, e.clientError());
        } catch (UncheckedIOException e) {
            LOG.fine(() -> "rid=" + requestId + " client connection failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "rid=" + requestId + " internal error", e);
            fail(writer, new InternalException("The gateway failed to handle this request (request id "
                    + requestId + ").", null, "internal_error"));
        } finally {
            accessLog.record(req, requestId, writer.status(), null, System.nanoTime() - start);
        }
    }

    private long count(ChatRequest request, Target target, Map<String, String> headers, String requestId) {
        Optional<ProviderAdapter> adapter = gateway.providers().adapter(target.provider());
        if (adapter.isPresent() && adapter.get() instanceof TokenCounter counter) {
            var timeouts = gateway.config().timeouts();
            return counter.countTokens(new UpstreamCall(request, target.model(), Deadline.after(timeouts.total()),
                    timeouts.firstByte(), timeouts.idle(), headers, requestId));
        }
        return estimate(request);
    }

    /** The estimate for upstreams that cannot count: see {@link TokenEstimator#promptTokens}. */
    static long estimate(ChatRequest request) {
        return TokenEstimator.promptTokens(request);
    }

    private static Map<String, String> headers(ServerRequest req) {
        Map<String, String> out = new HashMap<>();
        for (String name : FORWARDED) {
            req.headers().first(HeaderNames.create(name)).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    private void fail(HelidonResponseWriter writer, GatewayException e) {
        Map<String, String> headers = e.retryAfter()
                .map(d -> Map.of("retry-after", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
                .orElse(Map.of());
        writer.json(e.status(), codec.encodeError(e), headers);
    }
}
