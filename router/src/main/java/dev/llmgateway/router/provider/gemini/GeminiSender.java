package dev.llmgateway.router.provider.gemini;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.provider.UpstreamTransport;
import dev.llmgateway.router.upstream.BodyChannel;
import dev.llmgateway.router.upstream.RetryAfter;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends a Gemini request with the gateway's timeouts, like {@link UpstreamTransport#send}, but reads
 * the wait a failure asks for from Gemini's own place as well: a {@code RetryInfo} in the error
 * body ({@code Retry-After}, when present, wins). Thread-safe.
 */
final class GeminiSender {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String provider;
    private final HttpClient client;
    private final Clock clock;

    GeminiSender(String provider, HttpClient client, Clock clock) {
        this.provider = provider;
        this.client = client;
        this.clock = clock;
    }

    /** The response once a success status arrived; the caller owns (and closes) its body. */
    HttpResponse<BodyChannel> send(HttpRequest.Builder request, UpstreamCall call) {
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
            throw failure(response, call);
        }
        return response;
    }

    private ProviderFailure failure(HttpResponse<BodyChannel> response, UpstreamCall call) {
        byte[] body;
        try (BodyChannel channel = response.body()) {
            body = channel.readAll(MAX_ERROR_BODY, UpstreamTransport.waits(call));
        } catch (IOException | TimeoutException e) {
            body = new byte[0];
        }
        byte[] errorBody = body;
        Duration retryAfter = RetryAfter.parse(response.headers(), clock)
                .or(() -> GeminiRetryInfo.parse(errorBody))
                .orElse(null);
        int status = response.statusCode();
        // Gemini answers a bad API key with 400 INVALID_ARGUMENT: it is the gateway's credential, not
        // the client's request, so it is classified like a 401.
        if (status == 400 && new String(errorBody, java.nio.charset.StandardCharsets.UTF_8).contains("API_KEY_INVALID")) {
            status = 401;
        }
        return UpstreamErrors.fromStatus(provider, status, errorBody, retryAfter);
    }
}
