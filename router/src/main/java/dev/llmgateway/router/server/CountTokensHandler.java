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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import dev.llmgateway.router.codec.gemini.GeminiCodec;
import dev.llmgateway.router.codec.gemini.GeminiEndpoint;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
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
 * Token counting in a client's dialect: Anthropic's {@code POST /v1/messages/count_tokens} and
 * Gemini's {@code POST /v1beta/models/{model}:countTokens}. Authenticates, resolves the model like a
 * chat request, and asks the upstream when its adapter can count tokens (Anthropic). Otherwise it
 * answers an estimate: {@link #estimate}. Errors are in the dialect's shape.
 */
final class CountTokensHandler implements Handler {

    /** How one dialect asks and is answered. */
    record Dialect(FormatCodec codec, BiFunction<byte[], ServerRequest, ChatRequest> decode,
                   LongFunction<ObjectNode> answer, List<String> forwarded) {

        static Dialect anthropic(AnthropicCodec codec) {
            return new Dialect(codec, (body, req) -> codec.decodeCountTokens(body),
                    n -> Json.object().put("input_tokens", n), List.of("anthropic-version", "anthropic-beta"));
        }

        /**
         * Gemini: the body is {@code {"contents": [...]}} or {@code {"generateContentRequest": {...}}};
         * the answer {@code {"totalTokens": n}}.
         */
        static Dialect gemini(GeminiCodec codec) {
            return new Dialect(codec, (body, req) -> {
                ObjectNode root = Json.parseObject(body);
                JsonNode inner = root.get("generateContentRequest");
                byte[] request = inner != null && inner.isObject() ? Json.bytes(inner) : body;
                return codec.decode(request, new DecodeContext(Optional.of(GeminiEndpoint.countTokensModel(
                        req.path().path())), false, Map.of()));
            }, n -> Json.object().put("totalTokens", n), List.of());
        }
    }

    private static final Logger LOG = Logger.getLogger(CountTokensHandler.class.getName());

    private final Gateway gateway;
    private final Dialect dialect;
    private final AccessLog accessLog;

    CountTokensHandler(Gateway gateway, Dialect dialect, AccessLog accessLog) {
        this.gateway = gateway;
        this.dialect = dialect;
        this.accessLog = accessLog;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String requestId = req.context().get(RequestId.class).map(RequestId::value).orElse("-");
        HelidonResponseWriter writer = new HelidonResponseWriter(res);
        try {
            // Gemini clients may send the key as ?key=… instead of a header
            Optional<String> queryKey = req.query().first("key").asOptional();
            ClientIdentity caller = gateway.auth().authenticate(n -> req.headers().first(HeaderNames.create(n))
                            .or(() -> n.equals("x-goog-api-key") ? queryKey : Optional.empty()),
                    ClientAddress.of(req), Permission.READ_ONLY);
            ChatRequest request = dialect.decode().apply(BodyReader.read(req, gateway.config().server().maxBodyBytes()),
                    req);
            // a routing policy ("auto") is planned like a chat request, so the model that would serve it counts
            Target target = gateway.router().plan(request, caller, dev.llmgateway.router.route.PolicyRouter.Hints.NONE)
                    .first();
            long tokens = count(request, target, headers(req), requestId);
            writer.json(Status.OK_200.code(), Json.bytes(dialect.answer().apply(tokens)),
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

    private Map<String, String> headers(ServerRequest req) {
        Map<String, String> out = new HashMap<>();
        for (String name : dialect.forwarded()) {
            req.headers().first(HeaderNames.create(name)).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    private void fail(HelidonResponseWriter writer, GatewayException e) {
        Map<String, String> headers = e.retryAfter()
                .map(d -> Map.of("retry-after", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
                .orElse(Map.of());
        writer.json(e.status(), dialect.codec().encodeError(e), headers);
    }
}
