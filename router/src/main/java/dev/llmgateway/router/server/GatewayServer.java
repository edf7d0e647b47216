package dev.llmgateway.router.server;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.router.route.ModelCatalog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The HTTP face of the gateway on Helidon's web server (a virtual thread per request). The route
 * table is in {@link #routing}, which tests reuse.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayServer.class.getName());
    private static final long STARTED = System.currentTimeMillis() / 1000;

    private final Gateway gateway;
    private final WebServer server;

    private GatewayServer(Gateway gateway, WebServer server) {
        this.gateway = gateway;
        this.server = server;
    }

    /** Starts a gateway for {@code config}; port 0 picks a free port. */
    public static GatewayServer start(GatewayConfig config, Clock clock) {
        Gateway gateway = new Gateway(config, clock);
        WebServer server = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                .shutdownHook(false)
                // Small SSE writes must leave at once: with Nagle on, an event waits for the
                // client's delayed ACK (about 40 ms) behind the response headers.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> routing(r, gateway))
                .build()
                .start();
        LOG.info(() -> "LLM Gateway listening on http://" + config.server().host() + ":" + server.port()
                + " with " + gateway.providerCount() + " provider(s) and "
                + gateway.auth().configuredKeys() + " configured client key(s)");
        return new GatewayServer(gateway, server);
    }

    static void routing(HttpRouting.Builder routing, Gateway gateway) {
        OpenAiChatCodec openAi = new OpenAiChatCodec();
        AccessLog accessLog = new AccessLog(gateway.config().accessLog());
        routing.addFilter(new EdgeFilter(gateway.config().server().corsAllowedOrigins()))
                .post("/v1/chat/completions", new ChatHandler(gateway, openAi, accessLog))
                .get("/v1/models", (req, res) -> models(gateway, openAi, req, res))
                .post("/v1/routing/explain", new RoutingExplainHandler(gateway, openAi))
                // wiring: Anthropic (/v1/messages, /v1/messages/count_tokens), Gemini (/v1beta/models/...)
                // and OpenAI Responses (/v1/responses) routes go here, one block per dialect
                .post("/v1/responses", new ChatHandler(gateway,
                        new dev.llmgateway.router.codec.responses.ResponsesCodec(), accessLog))
                .post("/v1/messages", new ChatHandler(gateway, new AnthropicCodec(), accessLog))
                .post("/v1/messages/count_tokens", new CountTokensHandler(gateway,
                        CountTokensHandler.Dialect.anthropic(new AnthropicCodec()), accessLog))
                .post(dev.llmgateway.router.codec.gemini.GeminiEndpoint.PREFIX + "*", gemini(gateway, accessLog))
                .get("/health/live", (req, res) -> json(res, Status.OK_200, Json.object().put("status", "UP")))
                .get("/health/ready", (req, res) -> ready(gateway, res))
                .register(dev.llmgateway.router.admin.AdminService.PATH, new dev.llmgateway.router.admin.AdminService(gateway))
                .any((req, res) -> error(res, openAi, new NotFoundException("No route for "
                        + req.prologue().method().text() + " " + req.path().path() + ".", null, "unknown_route")));
    }

    /** Gemini's routes share one path pattern: {@code :countTokens} is counted, the rest is chat. */
    private static io.helidon.webserver.http.Handler gemini(Gateway gateway, AccessLog accessLog) {
        var codec = new dev.llmgateway.router.codec.gemini.GeminiCodec();
        var chat = new ChatHandler(gateway, codec, accessLog, dev.llmgateway.router.codec.gemini.GeminiEndpoint::context);
        var count = new CountTokensHandler(gateway, CountTokensHandler.Dialect.gemini(codec), accessLog);
        return (req, res) -> {
            if (dev.llmgateway.router.codec.gemini.GeminiEndpoint.isCountTokens(req.path().path())) {
                count.handle(req, res);
            } else {
                chat.handle(req, res);
            }
        };
    }

    private static void models(Gateway gateway, OpenAiChatCodec codec, ServerRequest req, ServerResponse res) {
        ClientIdentity caller;
        try {
            caller = gateway.auth().authenticate(n -> req.headers().first(HeaderNames.create(n)), ClientAddress.of(req),
                    Permission.READ_ONLY);
        } catch (GatewayException e) {
            error(res, codec, e);
            return;
        }
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ModelCatalog.ModelEntry m : gateway.catalog().list(caller)) {
            data.addObject().put("id", m.id()).put("object", "model").put("created", STARTED)
                    .put("owned_by", m.ownedBy());
        }
        for (String policy : gateway.router().policyNames()) {
            if (caller.mayUse(policy)) {
                data.addObject().put("id", policy).put("object", "model").put("created", STARTED)
                        .put("owned_by", "llm-gateway-routing");
            }
        }
        json(res, Status.OK_200, root);
    }

    private static void ready(Gateway gateway, ServerResponse res) {
        boolean upstreams = gateway.providerCount() > 0;
        boolean storage = storageWritable(gateway.config().dataDir());
        ObjectNode root = Json.object().put("status", upstreams && storage ? "UP" : "DOWN");
        ObjectNode checks = root.putObject("checks");
        checks.put("upstreams", upstreams ? "UP" : "DOWN: no provider is configured");
        checks.put("storage", storage ? "UP" : "DOWN: the data directory is not writable");
        json(res, upstreams && storage ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, root);
    }

    private static boolean storageWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void error(ServerResponse res, OpenAiChatCodec codec, GatewayException e) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(Status.create(e.status())).send(codec.encodeError(e));
    }

    private static void json(ServerResponse res, Status status, ObjectNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(status).send(Json.bytes(body));
    }

    public int port() {
        return server.port();
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        server.stop();
        gateway.close();
    }
}
