package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin API's route table. Each route is authenticated (unless declared open), run, and its
 * result or failure written in the one admin JSON shape: {@code {"error":{"message","type","code",
 * "param"}}}. The table also lists its routes, which is how the OpenAPI document is checked against
 * what is served. Not thread-safe while being filled; read-only afterwards.
 */
public final class AdminRouteTable {

    private static final Logger LOG = Logger.getLogger("llmgw.admin");

    /** One route: method, path below {@code /admin/api/v1}, a one-line summary. */
    public record Route(Method method, String path, String summary, boolean open, String tag, AdminHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private String tag = "admin";

    /** Routes added from now on belong to this feature (the OpenAPI tag). */
    public AdminRouteTable group(String feature) {
        this.tag = feature;
        return this;
    }

    public AdminRouteTable get(String path, String summary, AdminHandler handler) {
        return add(Method.GET, path, summary, false, handler);
    }

    public AdminRouteTable post(String path, String summary, AdminHandler handler) {
        return add(Method.POST, path, summary, false, handler);
    }

    public AdminRouteTable patch(String path, String summary, AdminHandler handler) {
        return add(Method.PATCH, path, summary, false, handler);
    }

    public AdminRouteTable put(String path, String summary, AdminHandler handler) {
        return add(Method.PUT, path, summary, false, handler);
    }

    public AdminRouteTable delete(String path, String summary, AdminHandler handler) {
        return add(Method.DELETE, path, summary, false, handler);
    }

    /** A route that needs no credentials (log in, accept an invitation); its actor is anonymous. */
    public AdminRouteTable open(Method method, String path, String summary, AdminHandler handler) {
        return add(method, path, summary, true, handler);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private AdminRouteTable add(Method method, String path, String summary, boolean open, AdminHandler handler) {
        routes.add(new Route(method, path, summary, open, tag, handler));
        return this;
    }

    /** Registers every route with the web server, each authenticated by {@code auth}. */
    void register(HttpRules rules, AdminAuth auth) {
        for (Route route : routes) {
            rules.route(route.method(), route.path(), handler(route, auth));
        }
    }

    /** Answers every other path with 404, after authenticating like any route. */
    void notFound(HttpRules rules, AdminAuth auth) {
        rules.any(handler(new Route(Method.GET, "*", "unknown route", false, "admin", req -> {
            throw TenancyException.notFound("admin route", req.method() + " " + req.fullPath());
        }), auth));
    }

    private static Handler handler(Route route, AdminAuth auth) {
        return (req, res) -> {
            try {
                Actor actor = route.open() ? Actor.anonymous() : auth.authenticate(req);
                if (route.path().contains("{org}")) {
                    // tenant isolation before anything else (even body validation): another
                    // organization's routes answer exactly as if it did not exist
                    String org = req.path().pathParameters().get("org");
                    if (!actor.canSee(org)) {
                        throw TenancyException.notFound("organization", org);
                    }
                }
                write(res, route.handler().handle(new AdminRequest(req, actor)));
            } catch (TenancyException e) {
                if (e.status() == 401) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"llm-gateway admin\"");
                }
                e.retryAfterSeconds().ifPresent(s -> res.header(HeaderNames.RETRY_AFTER, Long.toString(s)));
                send(res, e.status(), error(e.getMessage(), e.kind().type(), e.code(), e.param().orElse(null)));
            } catch (AdminError e) {
                if (e.status() == 401) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"llm-gateway admin\"");
                }
                send(res, e.status(), e.body());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "admin request " + req.prologue().method().text() + " " + req.path().path()
                        + " failed", e);
                send(res, 500, error("The admin request failed; the gateway log has the details.",
                        "internal_error", "internal_error", null));
            }
        };
    }

    static ObjectNode error(String message, String type, String code, String param) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putObject("error").put("message", message).put("type", type).put("code", code);
        if (param != null) {
            err.put("param", param);
        }
        return root;
    }

    private static void write(ServerResponse res, AdminReply reply) {
        reply.headers().forEach((k, v) -> res.header(HeaderNames.create(k), v));
        if (reply.body() == null) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.status(Status.create(reply.status())).send();
        } else if (reply.headers().containsKey("content-type")) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.status(Status.create(reply.status())).send(reply.body().asText().getBytes(StandardCharsets.UTF_8));
        } else {
            send(res, reply.status(), reply.body());
        }
    }

    static void send(ServerResponse res, int status, com.fasterxml.jackson.databind.JsonNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.create(status)).send(Json.bytes(body));
    }
}
