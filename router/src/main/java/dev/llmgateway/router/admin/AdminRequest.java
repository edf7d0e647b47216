package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.TenancyException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One admin API call as a handler sees it: the authenticated actor (with the caller's address),
 * path parameters, query parameters and the JSON body. Not thread-safe; one per request.
 */
public final class AdminRequest {

    /** The largest admin request body accepted. */
    static final int MAX_BODY = 1 << 20;

    private final ServerRequest request;
    private final Actor actor;
    private ObjectNode body;

    AdminRequest(ServerRequest request, Actor actor) {
        this.request = request;
        this.actor = actor.from(address(request));
    }

    /** The caller, carrying its address for the audit log. */
    public Actor actor() {
        return actor;
    }

    /** A path parameter of the route ({@code /orgs/{org}} → {@code path("org")}). */
    public String path(String name) {
        return request.path().pathParameters().get(name);
    }

    public Optional<String> query(String name) {
        return request.query().first(name).asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    /** An optional whole-number query parameter; a malformed one is a 400. */
    public Optional<Integer> queryInt(String name) {
        return query(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw TenancyException.invalid(name, "'" + name + "' must be a whole number, got '" + v + "'.");
            }
        });
    }

    /** An optional ISO-8601 time query parameter ({@code 2026-11-22T10:00:00Z}); a malformed one is a 400. */
    public Optional<Instant> queryTime(String name) {
        return query(name).map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw TenancyException.invalid(name, "'" + name + "' must be an ISO-8601 time such as "
                        + "2026-11-22T10:00:00Z, got '" + v + "'.");
            }
        });
    }

    /** {@code ?limit=&offset=}, defaulting to the first {@value PageRequest#DEFAULT_LIMIT} items. */
    public PageRequest page() {
        return new PageRequest(queryInt("offset").orElse(0), queryInt("limit").orElse(PageRequest.DEFAULT_LIMIT));
    }

    /** The JSON object body; an empty body is an empty object; anything else is a 400. */
    public ObjectNode body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    /** The HTTP method, for messages. */
    public String method() {
        return request.prologue().method().text();
    }

    /** The request path as sent, for messages. */
    public String fullPath() {
        return request.path().path();
    }

    /** A header value, when present. */
    public Optional<String> header(String name) {
        return request.headers().first(io.helidon.http.HeaderNames.create(name));
    }

    private ObjectNode readBody() {
        if (!request.content().hasEntity()) {
            return Json.object();
        }
        byte[] bytes;
        try (InputStream in = request.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw TenancyException.invalid("body", "The request body could not be read.");
        }
        if (bytes.length > MAX_BODY) {
            throw new TenancyException(TenancyException.Kind.INVALID, "request_too_large",
                    "The request body is larger than " + MAX_BODY + " bytes.", null);
        }
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw TenancyException.invalid("body", "The request body is not valid JSON.");
        }
        throw TenancyException.invalid("body", "The request body must be a JSON object.");
    }

    static String address(ServerRequest req) {
        SocketAddress a = req.remotePeer().address();
        return a instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(a);
    }
}
