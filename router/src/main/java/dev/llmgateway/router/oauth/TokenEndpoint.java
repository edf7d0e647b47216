package dev.llmgateway.router.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.accounttype.TokenRequest;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.upstream.UpstreamErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls an OAuth token endpoint (code exchange or refresh) and reads its answer: the tokens, or an
 * {@link OAuthException} that says whether the grant was refused ({@code invalid_grant}) or the
 * endpoint just failed. Thread-safe; one shared HTTP client.
 */
final class TokenEndpoint implements AutoCloseable {

    /** Used when an answer gives no {@code expires_in}: the common lifetime of an access token. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    TokenEndpoint(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Posts {@code request} to {@code uri}. An answer without a refresh token keeps
     * {@code previousRefresh} (Google sends one only at the first exchange).
     */
    TokenSet call(URI uri, TokenRequest request, Optional<String> previousRefresh) {
        HttpResponse<String> res;
        try {
            res = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", request.contentType()).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OAuthException(OAuthException.Kind.UNAVAILABLE, "the token endpoint " + uri.getHost()
                    + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(OAuthException.Kind.UNAVAILABLE, "interrupted while calling the token endpoint");
        }
        JsonNode json = parse(res.body());
        if (res.statusCode() / 100 != 2) {
            throw refusal(res.statusCode(), json);
        }
        String access = json.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new OAuthException(OAuthException.Kind.UNAVAILABLE, "the token endpoint answered "
                    + res.statusCode() + " without an access_token");
        }
        String refresh = json.path("refresh_token").asText("");
        long seconds = json.path("expires_in").canConvertToLong() ? json.path("expires_in").asLong()
                : DEFAULT_LIFETIME.toSeconds();
        return new TokenSet(access, refresh.isEmpty() ? previousRefresh : Optional.of(refresh),
                clock.instant().plusSeconds(Math.max(0, seconds)));
    }

    /** A non-2xx answer: {@code invalid_grant} on 400/401 is the grant refused; 5xx is the endpoint failing. */
    static OAuthException refusal(int status, JsonNode json) {
        String error = json.path("error").isTextual() ? json.path("error").asText()
                : json.path("error").path("type").asText("");
        String description = json.path("error_description").isTextual() ? json.path("error_description").asText()
                : json.path("error").path("message").asText("");
        String detail = "HTTP " + status + (error.isEmpty() ? "" : ", " + error)
                + (description.isEmpty() ? "" : ": " + description);
        detail = UpstreamErrors.scrub(detail);
        if ((status == 400 || status == 401) && error.equals("invalid_grant")) {
            return new OAuthException(OAuthException.Kind.REJECTED, detail);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new OAuthException(OAuthException.Kind.UNAVAILABLE, detail);
        }
        return new OAuthException(OAuthException.Kind.REFUSED, detail);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            return n == null ? Json.object() : n;
        } catch (IOException e) {
            return Json.object();
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
