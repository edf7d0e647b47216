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
import dev.llmgateway.tenancy.audit.AuditEntry;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The admin REST API, mounted at {@link #PATH}. Every route needs the admin key; every failure
 * answers {@code {"error":{"message","type","code"}}}. No response carries an upstream secret.
 * Operator actions are logged (who, what, when, from where) to {@code llmgw.admin}. The background
 * recovery probes run while the server does (started in {@link #beforeStart}, stopped in
 * {@link #afterStop}). Thread-safe.
 */
public final class AdminService implements HttpService {

    public static final String PATH = "/admin/api/v1";
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
        this.auth = new AdminAuth(gateway.config().security().adminKeyHash(), gateway.tenancy().actorResolvers());
        this.stats = new PoolStats(started);
        gateway.accounts().pool().addLeaseListener(stats);
        this.checks = new HealthChecks(gateway.config(), gateway.accounts(),
                new AccountProber(probeTimeout, gateway.oauth().types()));
    }

    @Override
    public void routing(HttpRules rules) {
        AdminRouteTable table = table();
        table.register(rules, auth);
        // unknown routes authenticate first, so an anonymous caller learns nothing about what exists
        table.notFound(rules, auth);
    }

    /** Every admin route: the pool's, then each tenancy feature's. */
    AdminRouteTable table() {
        AdminRouteTable table = new AdminRouteTable().group("accounts")
                .get("/status", "Gateway version, uptime and account counts per provider", platform(this::status))
                .get("/accounts", "Upstream accounts and their health", platform(this::accounts))
                .get("/accounts/{provider}/{name}", "One upstream account", platform(this::account))
                .post("/accounts", "Add an upstream account with its API key (stored encrypted)", this::addAccount)
                .delete("/accounts/{provider}/{name}", "Remove an account added through the API", this::removeAccount)
                .post("/accounts/{provider}/{name}/disable", "Take an account out of rotation",
                        platform(req -> setEnabled(req, false)))
                .post("/accounts/{provider}/{name}/enable", "Put an account back into rotation",
                        platform(req -> setEnabled(req, true)))
                .get("/stats", "Requests, failures and latency per account", platform(this::stats))
                .post("/health-check", "Probe every account now", platform(this::healthCheck));
        new OAuthRoutes(gateway).addTo(table.group("oauth"));
        new BudgetRoutes(gateway.budgets(), gateway.anomalies()).addTo(table.group("budget"));
        new PriceRoutes(gateway).addTo(table.group("price"));
        new PolicyRoutes(gateway.policies()).addTo(table.group("policy"));
        for (AdminRoutes group : TenantRoutes.all(gateway.tenancy())) {
            group.addTo(table.group(group.getClass().getSimpleName().replace("Routes", "")
                    .toLowerCase(java.util.Locale.ROOT)));
        }
        table.group("meta").open(io.helidon.http.Method.GET, "/openapi.json", "This document: the admin API in OpenAPI 3.1",
                req -> AdminReply.ok(OpenApiDocument.of(table, version())));
        return table;
    }

    @Override
    public void beforeStart() {
        checks.startBackground(gateway.config().pool().probeInterval());
    }

    @Override
    public void afterStop() {
        checks.close();
    }

    private ObjectNode status(AdminRequest req) {
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
        return root;
    }

    private ObjectNode accounts(AdminRequest req) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        gateway.accounts().pool().list().forEach(v -> data.add(view(v)));
        return root;
    }

    private ObjectNode account(AdminRequest req) {
        String id = accountId(req);
        return view(gateway.accounts().pool().status(id).orElseThrow(() -> unknown(id)));
    }

    private ObjectNode setEnabled(AdminRequest req, boolean enabled) {
        String id = accountId(req);
        AccountPool pool = gateway.accounts().pool();
        AccountStatus before = pool.status(id).orElseThrow(() -> unknown(id)).status();
        pool.setEnabled(id, enabled);
        AccountPool.AccountView after = pool.status(id).orElseThrow(() -> unknown(id));
        gateway.tenancy().audit().append(AuditEntry.of(req.actor(), enabled ? "account.enable" : "account.disable",
                "account", id).changed("status", AccountJson.name(before), AccountJson.name(after.status())));
        return view(after);
    }

    private ObjectNode stats(AdminRequest req) {
        return stats.json(gateway.accounts().pool().list().stream().map(AccountPool.AccountView::account).toList());
    }

    private ObjectNode healthCheck(AdminRequest req) {
        gateway.tenancy().audit().append(AuditEntry.of(req.actor(), "account.health_check", "account", null));
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        checks.all().forEach(c -> data.add(c.json()));
        return root;
    }

    private AdminReply addAccount(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        AccountRequests.NewAccount n = AccountRequests.read(req.body(), gateway.config().providers());
        gateway.accounts().add(req.actor(), n.account(), n.secret(), KeyHint.of(n.secret()));
        return AdminReply.created(view(gateway.accounts().pool().status(n.account().id())
                .orElseThrow(() -> unknown(n.account().id()))));
    }

    private AdminReply removeAccount(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        gateway.accounts().remove(req.actor(), accountId(req));
        return AdminReply.noContent();
    }

    /** A pool route: platform admins only. */
    private static AdminHandler platform(java.util.function.Function<AdminRequest, ObjectNode> handler) {
        return req -> {
            req.actor().requirePlatform("manage upstream accounts");
            return AdminReply.ok(handler.apply(req));
        };
    }

    ObjectNode view(AccountPool.AccountView v) {
        return view(gateway, v);
    }

    /** An account as admin JSON: its key only as a hint (an OAuth account has none), its resolved type. */
    static ObjectNode view(Gateway gateway, AccountPool.AccountView v) {
        UpstreamAccounts accounts = gateway.accounts();
        String id = v.account().id();
        ObjectNode o = AccountJson.of(v, accounts.key(id).map(Credential::value).map(KeyHint::of))
                .put("source", accounts.isConfigured(id) ? "config" : "api");
        GatewayConfig.Provider provider = gateway.config().providers().get(v.account().provider());
        if (provider != null) {
            o.put("type", gateway.oauth().types().resolve(v.account().type(), provider).id());
        }
        return o;
    }

    private static String accountId(AdminRequest req) {
        return req.path("provider") + "/" + req.path("name");
    }

    private static AdminError unknown(String id) {
        return AdminError.notFound("No account '" + id + "'; GET " + PATH + "/accounts lists them.");
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
