package dev.llmgateway.router.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PayloadTooLargeException;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns upstream HTTP statuses and transport failures into {@link ProviderFailure}s: the error the
 * client sees (with upstream messages passed on only where they describe the client's own request,
 * and scrubbed of anything that looks like a credential) and whether another attempt can help.
 */
public final class UpstreamErrors {

    private static final Pattern SECRET = Pattern.compile(
            "(sk|rk|pk|lgw|sess|AIza|ya29)[-_.A-Za-z0-9]{6,}|Bearer\\s+\\S+");
    private static final int MAX_MESSAGE = 500;

    private UpstreamErrors() {
    }

    /** A non-success HTTP status from provider {@code provider}. */
    public static ProviderFailure fromStatus(String provider, int status, byte[] body, Duration retryAfter) {
        String detail = upstreamMessage(body);
        String from = "Upstream provider '" + provider + "'";
        GatewayException error;
        boolean retryable;
        switch (status) {
            case 400, 422 -> {
                error = new InvalidRequestException(from + " rejected the request: " + detail, null,
                        "upstream_invalid_request");
                retryable = false;
            }
            case 401, 403 -> {
                error = new UpstreamException(ErrorCategory.UPSTREAM, from
                        + " rejected the gateway's credentials (HTTP " + status + "); an operator must fix the account.",
                        "upstream_auth_failed");
                retryable = false;
            }
            case 404 -> {
                error = new NotFoundException(from + " does not know this model or route: " + detail, "model",
                        "model_not_found");
                retryable = false;
            }
            case 413 -> {
                error = new PayloadTooLargeException(from + " says the request is too large: " + detail);
                retryable = false;
            }
            case 429 -> {
                error = new RateLimitedException(from + " is rate limiting the gateway: " + detail,
                        "upstream_rate_limited", retryAfter);
                retryable = true;
            }
            case 408, 504 -> {
                error = new UpstreamException(ErrorCategory.TIMEOUT, from + " timed out (HTTP " + status + ").",
                        "upstream_timeout");
                retryable = true;
            }
            case 503, 529 -> {
                error = new UpstreamException(ErrorCategory.UNAVAILABLE, from + " is unavailable (HTTP " + status
                        + "): " + detail, "upstream_unavailable", retryAfter, null);
                retryable = true;
            }
            default -> {
                boolean serverSide = status >= 500 || status == 409;
                error = serverSide
                        ? new UpstreamException(ErrorCategory.UPSTREAM, from + " failed (HTTP " + status + "): "
                        + detail, "upstream_error")
                        : new InvalidRequestException(from + " rejected the request (HTTP " + status + "): "
                        + detail, null, "upstream_invalid_request");
                retryable = serverSide;
            }
        }
        return new ProviderFailure(error, retryable, retryAfter, status);
    }

    /** No usable answer arrived: connection refused or reset, timeout, broken stream. */
    public static ProviderFailure fromTransport(String provider, Throwable e) {
        String from = "Upstream provider '" + provider + "'";
        if (e instanceof HttpConnectTimeoutException) {
            return failure(ErrorCategory.TIMEOUT, from + " did not accept a connection in time.", "upstream_timeout");
        }
        if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException
                || e instanceof java.net.SocketTimeoutException) {
            return failure(ErrorCategory.TIMEOUT, from + " did not answer in time.", "upstream_timeout");
        }
        if (e instanceof ConnectException) {
            return failure(ErrorCategory.UPSTREAM, from + " could not be reached.", "upstream_unreachable");
        }
        if (e instanceof IOException) {
            return failure(ErrorCategory.UPSTREAM, from + " closed the connection unexpectedly.",
                    "upstream_connection_error");
        }
        return failure(ErrorCategory.UPSTREAM, from + " failed: " + e.getClass().getSimpleName(), "upstream_error");
    }

    public static ProviderFailure failure(ErrorCategory category, String message, String code) {
        return new ProviderFailure(new UpstreamException(category, message, code), true, null, 0);
    }

    /** The upstream's error message, shortened and without anything that looks like a credential. */
    static String upstreamMessage(byte[] body) {
        String message;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode m = json.path("error").path("message");
            if (!m.isTextual()) {
                m = json.path("message");
            }
            if (!m.isTextual() && json.path("error").isTextual()) {
                m = json.path("error");
            }
            message = m.isTextual() ? m.textValue() : "(no message)";
        } catch (IOException | RuntimeException e) {
            message = "(no readable message)";
        }
        return scrub(message);
    }

    public static String scrub(String message) {
        String s = SECRET.matcher(message).replaceAll("****");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
    }
}
