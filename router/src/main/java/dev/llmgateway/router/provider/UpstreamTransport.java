package dev.llmgateway.router.provider;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.upstream.BodyChannel;
import dev.llmgateway.router.upstream.RetryAfter;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends one upstream request with the gateway's timeouts and turns every failure into a
 * {@link ProviderFailure}. Shared by the provider adapters; thread-safe.
 */
public final class UpstreamTransport {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_RESPONSE_BODY = 64 * 1024 * 1024;

    private final String provider;
    private final HttpClient client;
    private final Clock clock;

    public UpstreamTransport(String provider, HttpClient client, Clock clock) {
        this.provider = provider;
        this.client = client;
        this.clock = clock;
    }

    public String provider() {
        return provider;
    }

    /**
     * Sends the request and waits for the response headers (first-byte timeout, capped by the
     * deadline). A non-success status is read and thrown as a failure; on success the caller owns
     * the returned body and must close it.
     */
    public HttpResponse<BodyChannel> send(HttpRequest.Builder request, UpstreamCall call) {
        Duration wait = call.deadline().cap(call.firstByteTimeout());
        if (wait.isZero()) {
            throw UpstreamErrors.failure(ErrorCategory.TIMEOUT, "The request's time budget ran out before provider '"
                    + provider + "' could be called.", "gateway_timeout");
        }
        HttpResponse<BodyChannel> response;
        try {
            response = client.send(request.timeout(wait).build(), info -> new BodyChannel());
        } catch (IOException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamErrors.fromTransport(provider, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            byte[] body;
            try (BodyChannel channel = response.body()) {
                body = channel.readAll(MAX_ERROR_BODY, waits(call));
            } catch (IOException | TimeoutException e) {
                body = new byte[0];
            }
            throw UpstreamErrors.fromStatus(provider, status, body,
                    RetryAfter.parse(response.headers(), clock).orElse(null));
        }
        return response;
    }

    /** Reads a whole success body with the idle timeout between reads. */
    public byte[] readBody(HttpResponse<BodyChannel> response, UpstreamCall call) {
        try (BodyChannel channel = response.body()) {
            return channel.readAll(MAX_RESPONSE_BODY, waits(call));
        } catch (TimeoutException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        } catch (IOException e) {
            throw UpstreamErrors.fromTransport(provider, e);
        }
    }

    /** The wait for each read: the idle timeout, capped by what is left of the deadline. */
    public static BodyChannel.TimeoutPolicy waits(UpstreamCall call) {
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
