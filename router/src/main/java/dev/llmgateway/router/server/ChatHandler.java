package dev.llmgateway.router.server;

import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InternalException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.pipeline.GatewayExchange;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat endpoint for one dialect: reads the body, runs the pipeline, and answers every failure in
 * the dialect's own error shape (a defect becomes a 500 that carries only the request id).
 */
final class ChatHandler implements Handler {

    private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());

    private final Gateway gateway;
    private final FormatCodec codec;
    private final AccessLog accessLog;
    private final Function<ServerRequest, DecodeContext> context;

    ChatHandler(Gateway gateway, FormatCodec codec, AccessLog accessLog) {
        this(gateway, codec, accessLog, req -> DecodeContext.none());
    }

    /** For dialects that put part of the request in the path: {@code context} reads it. */
    ChatHandler(Gateway gateway, FormatCodec codec, AccessLog accessLog,
                Function<ServerRequest, DecodeContext> context) {
        this.gateway = gateway;
        this.codec = codec;
        this.accessLog = accessLog;
        this.context = context;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String requestId = req.context().get(RequestId.class).map(RequestId::value).orElse("-");
        HelidonResponseWriter writer = new HelidonResponseWriter(res);
        GatewayExchange exchange = null;
        boolean clientGone = false;
        try {
            byte[] body = BodyReader.read(req, gateway.config().server().maxBodyBytes());
            exchange = new GatewayExchange(requestId, codec, name -> req.headers().first(HeaderNames.create(name)),
                    body, context.apply(req), Deadline.after(gateway.config().timeouts().total()), writer,
                    ClientAddress.of(req));
            Chain.start(gateway.stages(), exchange);
        } catch (GatewayException e) {
            fail(writer, e);
        } catch (ProviderFailure e) {
            fail(writer, e.clientError());
        } catch (UncheckedIOException e) {
            clientGone = true;
            LOG.fine(() -> "rid=" + requestId + " client connection failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "rid=" + requestId + " internal error", e);
            fail(writer, new InternalException("The gateway failed to handle this request (request id "
                    + requestId + ").", null, "internal_error"));
        } finally {
            writer.finish();
            if (exchange != null) {
                // after the answer is finished, so the listeners cannot delay or change it
                gateway.completionListeners().forEach(exchange::onCompletion);
                exchange.complete(writer.status(), clientGone, gateway.clock().instant());
            }
            accessLog.record(req, requestId, writer.status(), exchange, System.nanoTime() - start);
        }
    }

    private void fail(HelidonResponseWriter writer, GatewayException e) {
        if (writer.streaming()) {
            return; // the dispatcher already ended the stream with an error event
        }
        Map<String, String> headers = e.retryAfter()
                .map(d -> Map.of("retry-after", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
                .orElse(Map.of());
        writer.json(e.status(), codec.encodeError(e), headers);
    }
}
