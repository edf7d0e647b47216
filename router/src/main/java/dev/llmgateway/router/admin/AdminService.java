package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.pool.AccountStatus;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.router.server.Gateway;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin REST API, mounted at {@link #PATH}. Every route needs the admin key; every failure
 * answers {@code {"error":{"message","type","code"}}}. No response carries an upstream secret.
 * Operator actions are logged (who, what, when, from where) to {@code llmgw.admin}. The background
 * recovery probes run while the server does (started in {@link #beforeStart}, stopped in
 * {@link #afterStop}). Thread-safe.
 */
public final class AdminService implements HttpService {

    public static final String PATH = "/admin/api/v1";
    private static final Logger AUDIT = Logger.getLogger("llmgw.admin");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Gateway gateway;
    private final Clock clock;
    private final Instant started;
    private final AdminAuth auth;
    private final PoolStats stats;
    private final HealthChecks checks;

    public AdminService(Gateway gateway) {
        this(gateway, Clock.systemUTC(), PROBE_TIMEOUT);
    }

    AdminService(Gateway gateway, Clock clock, Duration probeTimeout) {
        this.gateway = gateway;
        this.clock = clock;
        this.started = clock.instant();
        this.auth = new AdminAuth(gateway.config().security().adminKeyHash());
        this.stats = new PoolStats(started);
        gateway.accounts().pool().addLeaseListener(stats);
        this.checks = new HealthChecks(gateway.config(), gateway.accounts(), new AccountProber(probeTimeout));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::authenticate)
                .get("/status", guarded(this::status))
                .get("/accounts", guarded(this::accounts))
                .get("/accounts/{provider}/{name}", guarded(this::account))
                .post("/accounts/{provider}/{name}/disable", guarded((req, res) -> setEnabled(req, res, false)))
                .post("/accounts/{provider}/{name}/enable", guarded((req, res) -> setEnabled(req, res, true)))
                .get("/stats", guarded(this::stats))
                .post("/health-check", guarded(this::healthCheck))
                .any(guarded((req, res) -> {
                    throw AdminError.notFound("No admin route for " + req.prologue().method().text() + " "
                            + req.path().path() + ".");
                }));
    }

    @Override
    public void beforeStart() {
        checks.startBackground(gateway.config().pool().probeInterval());
    }

    @Override
    public void afterStop() {
        checks.close();
    }

    private void authenticate(ServerRequest req, ServerResponse res) {
        try {
            auth.check(req.headers().first(HeaderNames.AUTHORIZATION), req.headers().first(HeaderNames.create("x-api-key")));
        } catch (AdminError e) {
            if (e.status() == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"llm-gateway admin\"");
            }
            send(res, e.status(), e.body());
            return;
        }
        res.next();
    }

    private void status(ServerRequest req, ServerResponse res) {
        GatewayConfig config = gateway.config();
        Instant now = clock.instant();
        ObjectNode root = Json.object()
                .put("version", version())
                .put("started_at", started.toString())
                .put("uptime_seconds", Duration.between(started, now).toSeconds());
        ArrayNode providers = root.putArray("providers");
        for (GatewayConfig.Provider p : config.providers().values()) {
            Map<AccountStatus, Integer> counts = new EnumMap<>(AccountStatus.class);
            for (AccountStatus s : AccountStatus.values()) {
                counts.put(s, 0);
            }
            int total = 0;
            for (AccountPool.AccountView v : gateway.accounts().pool().list()) {
                if (v.account().provider().equals(p.name())) {
                    counts.merge(v.status(), 1, Integer::sum);
                    total++;
                }
            }
            ObjectNode accounts = Json.object().put("total", total);
            counts.forEach((s, n) -> accounts.put(AccountJson.name(s), n));
            providers.addObject().put("name", p.name()).put("type", p.type().name().toLowerCase(Locale.ROOT))
                    .put("host", p.baseUri().getHost()).set("accounts", accounts);
        }
        root.put("client_keys", config.security().clientKeys().size());
        send(res, 200, root);
    }

    private void accounts(ServerRequest req, ServerResponse res) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        gateway.accounts().pool().list().forEach(v -> data.add(view(v)));
        send(res, 200, root);
    }

    private void account(ServerRequest req, ServerResponse res) {
        String id = accountId(req);
        send(res, 200, view(gateway.accounts().pool().status(id).orElseThrow(() -> unknown(id))));
    }

    private void setEnabled(ServerRequest req, ServerResponse res, boolean enabled) {
        String id = accountId(req);
        AccountPool pool = gateway.accounts().pool();
        AccountStatus before = pool.status(id).orElseThrow(() -> unknown(id)).status();
        pool.setEnabled(id, enabled);
        AccountPool.AccountView after = pool.status(id).orElseThrow(() -> unknown(id));
        AUDIT.info(() -> "audit: who=admin what=" + (enabled ? "enable" : "disable") + "-account account=" + id
                + " when=" + clock.instant() + " from=" + address(req) + " status=" + before + "->" + after.status());
        send(res, 200, view(after));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        send(res, 200, stats.json(gateway.accounts().pool().list().stream().map(AccountPool.AccountView::account)
                .toList()));
    }

    private void healthCheck(ServerRequest req, ServerResponse res) {
        AUDIT.info(() -> "audit: who=admin what=health-check when=" + clock.instant() + " from=" + address(req));
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        checks.all().forEach(c -> data.add(c.json()));
        send(res, 200, root);
    }

    private ObjectNode view(AccountPool.AccountView v) {
        UpstreamAccounts accounts = gateway.accounts();
        return AccountJson.of(v, accounts.credential(v.account().id()).map(Credential::value).map(KeyHint::of));
    }

    private static String accountId(ServerRequest req) {
        return req.path().pathParameters().get("provider") + "/" + req.path().pathParameters().get("name");
    }

    private static AdminError unknown(String id) {
        return AdminError.notFound("No account '" + id + "'; GET " + PATH + "/accounts lists them.");
    }

    private static String address(ServerRequest req) {
        SocketAddress a = req.remotePeer().address();
        return a instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** Turns an {@link AdminError} (or a defect) thrown by a handler into the one error shape. */
    private static Handler guarded(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (AdminError e) {
                send(res, e.status(), e.body());
            } catch (RuntimeException e) {
                AUDIT.log(Level.SEVERE, "admin request " + req.path().path() + " failed", e);
                send(res, 500, new AdminError(500, "internal_error", "internal_error",
                        "The admin request failed; the gateway log has the details.").body());
            }
        };
    }

    private static void send(ServerResponse res, int status, ObjectNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.create(status)).send(Json.bytes(body));
    }

    static String version() {
        try (InputStream in = AdminService.class.getResourceAsStream("/dev/llmgateway/router/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
