package dev.llmgateway.router.provider;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.upstream.BodySource;
import dev.llmgateway.router.upstream.HttpEngine;
import dev.llmgateway.router.upstream.RetryAfter;
import dev.llmgateway.router.upstream.UpstreamErrors;
import dev.llmgateway.router.upstream.UpstreamRequest;
import dev.llmgateway.router.upstream.UpstreamResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one upstream request with the gateway's timeouts and turns every failure into a
 * {@link ProviderFailure}. Shared by the provider adapters; thread-safe.
 */
public final class UpstreamTransport {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_RESPONSE_BODY = 64 * 1024 * 1024;

    private final String provider;
    private final HttpEngine engine;
    private final Clock clock;

    public UpstreamTransport(String provider, HttpEngine engine, Clock clock) {
        this.provider = provider;
        this.engine = engine;
        this.clock = clock;
    }

    /** Reads an upstream's error answer into a failure; adapters with their own error conventions supply one. */
    @FunctionalInterface
    public interface ErrorInterpreter {
        ProviderFailure interpret(int status, Function<String, Optional<String>> headers, byte[] body);
    }

    public String provider() {
        return provider;
    }

    public Clock clock() {
        return clock;
    }

    /** The standard reading: status classes and {@code Retry-After}. */
    public ProviderFailure standardFailure(int status, Function<String, Optional<String>> headers, byte[] body) {
        return UpstreamErrors.fromStatus(provider, status, body, RetryAfter.parse(headers, clock).orElse(null));
    }

    public UpstreamResponse send(UpstreamRequest request, UpstreamCall call) {
        return send(request, call, this::standardFailure);
    }

    /**
     * Sends the request and waits for the response headers (first-byte timeout, capped by the
     * deadline). A non-success status is read and thrown as a failure; on success the caller owns
     * the returned body and must close it.
     */
    public UpstreamResponse send(UpstreamRequest request, UpstreamCall call, ErrorInterpreter errors) {
        Duration wait = call.deadline().cap(call.firstByteTimeout());
        if (wait.isZero()) {
            throw UpstreamErrors.failure(ErrorCategory.TIMEOUT, "The request's time budget ran out before provider '"
                    + provider + "' could be called.", "gateway_timeout");
        }
        UpstreamResponse response;
        try {
            response = engine.send(request, wait);
        } catch (IOException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        }
        int status = response.status();
        if (status / 100 != 2) {
            byte[] body;
            try (BodySource source = response.body()) {
                body = source.readAll(MAX_ERROR_BODY, waits(call));
            } catch (IOException | TimeoutException e) {
                body = new byte[0];
            }
            throw errors.interpret(status, response.headers(), body);
        }
        return response;
    }

    /** Reads a whole success body with the idle timeout between reads. */
    public byte[] readBody(UpstreamResponse response, UpstreamCall call) {
        try (BodySource source = response.body()) {
            return source.readAll(MAX_RESPONSE_BODY, waits(call));
        } catch (TimeoutException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        } catch (IOException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        }
    }

    /** The wait for each read: the idle timeout, capped by what is left of the deadline. */
    public static BodySource.TimeoutPolicy waits(UpstreamCall call) {
        Deadline deadline = call.deadline();
        return () -> {
            Duration d = deadline.cap(call.idleTimeout());
            if (d.isZero()) {
                throw new TimeoutException();
            }
            return d;
        };
    }
}
