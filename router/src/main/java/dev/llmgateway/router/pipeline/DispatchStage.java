package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ChatResponse;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.spi.ChunkStream;
import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.router.provider.ProviderRegistry;
import java.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls the upstream and answers. Failures are retried, with backoff that honours the upstream's
 * {@code Retry-After}, only while nothing has been sent to the client: a stream is committed (status
 * and headers sent) only once the upstream's first chunk has arrived. A stream that breaks after
 * that ends with an error event in the client's dialect, never with a clean end marker.
 */
public final class DispatchStage implements Stage<GatewayExchange> {

    private static final Logger LOG = Logger.getLogger(DispatchStage.class.getName());
    /** Client headers an upstream may need, passed on as they came. */
    private static final List<String> FORWARDED = List.of("openai-organization", "openai-project",
            "anthropic-version", "anthropic-beta");

    private final GatewayConfig.Timeouts timeouts;
    private final Failover failover;

    public DispatchStage(ProviderRegistry providers, UpstreamAccounts accounts, GatewayConfig.Timeouts timeouts,
                         Backoff backoff, Clock clock) {
        this.timeouts = timeouts;
        this.failover = new Failover(providers, accounts, backoff, clock);
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        if (exchange.request().orElseThrow().stream()) {
            stream(exchange);
        } else {
            complete(exchange);
        }
        exchange.account().ifPresent(lease ->
                exchange.usage().ifPresent(u -> lease.recordTokens(u.totalTokens())));
        chain.proceed(exchange);
    }

    private void complete(GatewayExchange exchange) {
        ChatResponse response = withRetries(exchange, (adapter, call) -> adapter.complete(call));
        response.usage().ifPresent(exchange::usage);
        exchange.outcome("complete");
        exchange.writer().json(200, exchange.codec().encodeResponse(response), upstreamHeader(exchange));
    }

    private void stream(GatewayExchange exchange) {
        List<ChatChunk> first = new ArrayList<>();
        ChunkStream upstream = withRetries(exchange, (adapter, call) -> open(adapter, call, first));
        ChatRequest request = exchange.request().orElseThrow();
        ChunkEncoder encoder = exchange.codec().newChunkEncoder(request);
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1024);
        try (upstream) {
            ResponseWriter.StreamWriter out = exchange.writer().beginStream(upstreamHeader(exchange));
            for (ChatChunk c : first) {
                encodeInto(exchange, encoder, c, batch);
            }
            flush(out, batch);
            try {
                while (upstream.next(c -> encodeInto(exchange, encoder, c, batch))) {
                    flush(out, batch);
                }
                flush(out, batch);
                out.write(encoder.end());
                exchange.outcome("complete");
            } catch (ProviderFailure f) {
                flush(out, batch);
                out.write(encoder.error(f.clientError()));
                exchange.outcome("upstream_error_mid_stream");
                LOG.warning(() -> "rid=" + exchange.requestId() + " stream broke after the first byte: "
                        + f.clientError().getMessage());
            }
        } catch (UncheckedIOException clientGone) {
            exchange.outcome("client_disconnected");
            LOG.fine(() -> "rid=" + exchange.requestId() + " client went away; upstream call cancelled");
        }
    }

    /** Opens the stream and reads until its first chunk, so a failure here can still be retried. */
    private static ChunkStream open(ProviderAdapter adapter, UpstreamCall call, List<ChatChunk> first) {
        first.clear();
        ChunkStream s = adapter.stream(call);
        try {
            while (first.isEmpty()) {
                if (!s.next(first::add)) {
                    throw new ProviderFailure(new UpstreamException(ErrorCategory.UPSTREAM,
                            "The upstream ended the stream before sending anything.", "upstream_empty_stream"),
                            true, null, 200);
                }
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void encodeInto(GatewayExchange exchange, ChunkEncoder encoder, ChatChunk chunk,
                                   ByteArrayOutputStream batch) {
        if (chunk instanceof ChatChunk.UsageReport u) {
            exchange.usage(u.usage());
        }
        batch.writeBytes(encoder.encode(chunk));
    }

    private static void flush(ResponseWriter.StreamWriter out, ByteArrayOutputStream batch) {
        if (batch.size() > 0) {
            out.write(batch.toByteArray());
            batch.reset();
        }
    }

    private <T> T withRetries(GatewayExchange exchange, Failover.Attempt<T> attempt) {
        Map<String, String> headers = forwardHeaders(exchange);
        return failover.run(exchange, target -> new UpstreamCall(exchange.request().orElseThrow(), target.model(),
                exchange.deadline(), timeouts.firstByte(), timeouts.idle(), headers, exchange.requestId()), attempt);
    }

    private static Map<String, String> forwardHeaders(GatewayExchange exchange) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String name : FORWARDED) {
            exchange.header(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    /**
     * Which provider, model and account served the request (names only, never secrets), why routing
     * chose it, and how many upstream attempts it took (more than 1 after a retry or failover).
     */
    private static Map<String, String> upstreamHeader(GatewayExchange exchange) {
        return exchange.servedBy().map(t -> Map.of(
                "x-gateway-upstream", t.id() + exchange.account().map(l -> "; account=" + l.account().name()).orElse(""),
                "x-gateway-route", t.reason(),
                "x-gateway-attempts", Integer.toString(Math.max(1, exchange.attempts())))).orElse(Map.of());
    }

}
