package dev.llmgateway.router.server;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * What every request gets before routing: a request id (accepted or generated, returned in
 * {@code x-request-id}) and CORS headers for allowed origins, with preflight requests answered here.
 */
final class EdgeFilter implements Filter {

    static final HeaderName REQUEST_ID = HeaderNames.create("x-request-id");
    private static final String ALLOWED_HEADERS = "authorization, content-type, x-api-key, x-request-id, "
            + "openai-organization, openai-project, anthropic-version, anthropic-beta, x-goog-api-key";
    private static final String EXPOSED_HEADERS = "x-request-id, x-gateway-upstream, x-gateway-route, x-gateway-attempts, retry-after";

    private final List<String> allowedOrigins;
    private final boolean anyOrigin;

    EdgeFilter(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.anyOrigin = allowedOrigins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        RequestId id = RequestId.acceptOrCreate(req.headers().first(REQUEST_ID).orElse(null));
        req.context().register(id);
        res.header(REQUEST_ID, id.value());
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        boolean corsAllowed = origin != null && (anyOrigin || allowedOrigins.contains(origin));
        if (corsAllowed) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            if (!anyOrigin) {
                res.header(HeaderNames.VARY, "Origin");
            }
        }
        boolean preflight = req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight) {
            if (corsAllowed) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
                res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            }
            res.status(corsAllowed ? Status.NO_CONTENT_204 : Status.FORBIDDEN_403).send();
            return;
        }
        chain.proceed();
    }
}
