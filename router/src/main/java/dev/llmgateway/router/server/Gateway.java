package dev.llmgateway.router.server;

import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.cost.budget.BudgetSettings;
import dev.llmgateway.cost.budget.Budgets;
import dev.llmgateway.cost.price.PriceBook;
import dev.llmgateway.cost.price.PriceOverrides;
import dev.llmgateway.cost.anomaly.SpendAnomalies;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.oauth.OAuthAccounts;
import dev.llmgateway.router.oauth.OAuthStore;
import dev.llmgateway.router.pipeline.AuthenticateStage;
import dev.llmgateway.router.pipeline.BudgetStage;
import dev.llmgateway.router.pipeline.ClientAuth;
import dev.llmgateway.router.pipeline.Backoff;
import dev.llmgateway.router.pipeline.CompletionListener;
import dev.llmgateway.router.pipeline.DecodeStage;
import dev.llmgateway.router.pipeline.DispatchStage;
import dev.llmgateway.router.pipeline.GatewayExchange;
import dev.llmgateway.router.pipeline.QuotaStage;
import dev.llmgateway.router.pipeline.RateLimitStage;
import dev.llmgateway.router.pipeline.RequestPricer;
import dev.llmgateway.router.pipeline.UsageRecorder;
import dev.llmgateway.router.pipeline.RouteStage;
import dev.llmgateway.router.ratelimit.KeyRateLimiter;
import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.classifier.ClassifierSettings;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.router.pool.RecentOutcomes;
import dev.llmgateway.router.route.AutoPolicy;
import dev.llmgateway.router.route.LiveStats;
import dev.llmgateway.router.route.PolicyRouter;
import dev.llmgateway.router.route.PriceLookup;
import dev.llmgateway.router.route.PolicyStore;
import dev.llmgateway.router.route.RoutingPolicies;
import java.util.Map;
import java.util.Set;
import dev.llmgateway.router.provider.ProviderRegistry;
import dev.llmgateway.router.route.ModelCatalog;
import dev.llmgateway.security.keys.KeyRing;
import dev.llmgateway.store.Database;
import dev.llmgateway.router.pool.AccountStore;
import dev.llmgateway.security.secrets.MasterKeys;
import dev.llmgateway.security.secrets.SecretBox;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import dev.llmgateway.tenancy.Tenancy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The assembled gateway: configuration, keys, catalog, providers and the stage order (written
 * once, here). Thread-safe; shared by all requests.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayConfig config;
    private final ClientAuth auth;
    private final ModelCatalog catalog;
    private final ProviderRegistry providers;
    private final UpstreamAccounts accounts;
    private final LazyClassifier classifier;
    private final PolicyRouter router;
    private final RecentOutcomes outcomes;
    private final RoutingPolicies policies;
    private final List<Stage<GatewayExchange>> stages;
    private final Database database;
    private final Tenancy tenancy;
    private final OAuthAccounts oauth;
    private final ScheduledExecutorService background;
    private final Clock clock;
    private final RequestPricer pricer;
    private final UsagePipeline usage;
    private final Alerts alerts;
    private final Budgets budgets;
    private final PriceBook basePrices;
    private final PriceOverrides priceOverrides;
    private volatile long priceVersion = -1;
    private final SpendAnomalies anomalies;
    private final List<CompletionListener> completionListeners = new CopyOnWriteArrayList<>();

    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, new Backoff(config.retry()));
    }

    Gateway(GatewayConfig config, Clock clock, Backoff backoff) {
        this.config = config;
        // first: production mode without a master key must stop the start before anything is opened
        GatewayConfig.Secrets secrets = config.secrets();
        SecretBox box = MasterKeys.resolve(secrets.masterKey(), secrets.masterKeyFile(), secrets.production(),
                config.dataDir());
        this.clock = clock;
        this.database = Database.open(config.store());
        this.tenancy = new Tenancy(database, config.tenancy(), clock);
        this.auth = ClientAuth.of(new KeyRing(config.security().clientKeys()), tenancy.keyValidator());
        this.catalog = new ModelCatalog(config);
        AccountTypes types = AccountTypes.of(config.accounts());
        this.providers = new ProviderRegistry(config, types, clock);
        this.accounts = UpstreamAccounts.fromConfig(config, clock);
        this.oauth = new OAuthAccounts(config.accounts(), types, accounts,
                new OAuthStore(database, box, tenancy.audit()), clock);
        accounts.useStore(new AccountStore(database, box, tenancy.audit(), clock), clock.instant());
        oauth.start();
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmgw-account-sync");
            t.setDaemon(true);
            return t;
        });
        long syncMillis = config.tenancy().cacheSync().toMillis();
        background.scheduleWithFixedDelay(() -> syncAccounts(clock), syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        // The classifier (ONNX models, about a second to load) is only loaded when a policy needs it:
        // now for the configured ones, or when the first one is created through the admin API.
        this.classifier = new LazyClassifier(() -> Classifier.onnx(ClassifierSettings.defaults()));
        if (!config.policies().isEmpty()) {
            classifier.load();
        }
        this.outcomes = new RecentOutcomes(clock);
        accounts.pool().addLeaseListener(outcomes);
        LiveStats live = (model, window) -> {
            RecentOutcomes.Counts c = outcomes.counts(model, window);
            return new LiveStats.Sample(c.successes(), c.failures(), c.meanLatencyMillis());
        };
        this.basePrices = RequestPricer.book(config.cost());
        this.priceOverrides = new PriceOverrides(database, tenancy.audit(), clock);
        this.pricer = new RequestPricer(basePrices, config.providers());
        this.router = new PolicyRouter(catalog, Map.of());
        PriceLookup listPrices = model -> catalog.resolve(model).flatMap(t -> pricer.perMillionTokens(t, clock.instant()));
        this.policies = new RoutingPolicies(config, catalog, new PolicyStore(database, tenancy.audit(), clock), router,
                settings -> new AutoPolicy(settings, classifier, model -> catalog.resolve(model)
                        .map(t -> accounts.pool().hasAvailable(t.provider(), t.model(), Set.of())).orElse(false), live,
                        listPrices),
                classifier::load);
        policies.reload();
        background.scheduleWithFixedDelay(this::reloadPoliciesQuietly, syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        reloadPrices();
        background.scheduleWithFixedDelay(this::reloadPricesQuietly, syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        this.usage = UsagePipeline.start(config.cost(), database);
        onCompletion(new UsageRecorder(usage.bus(), pricer));
        this.alerts = Alerts.of(config.cost().alerts());
        this.budgets = new Budgets(database, tenancy.audit(), tenancy.changes(), clock,
                new BudgetSettings(config.cost().budgets().holdTtl(), Budgets.CACHE_TTL, config.tenancy().cacheSync()),
                alerts);
        this.anomalies = new SpendAnomalies(database, alerts, config.cost().anomaly(), clock);
        if (config.cost().anomaly().enabled()) {
            long every = config.cost().anomaly().checkEvery().toMillis();
            background.scheduleWithFixedDelay(anomalies::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        long day = TimeUnit.DAYS.toMillis(1);
        background.scheduleWithFixedDelay(() -> usage.applyRetention(clock.instant()), 60_000, day,
                TimeUnit.MILLISECONDS);
        // Rate limits first: cheap and in memory, they refuse before the body is even parsed. Budgets
        // and quotas after routing, so a request refused for its model does not use them up, and the
        // budget estimate knows the model's price.
        this.stages = List.of(
                new AuthenticateStage(auth),
                new RateLimitStage(new KeyRateLimiter(clock)),
                new DecodeStage(),
                new RouteStage(router),
                new BudgetStage(budgets, pricer, router, config.cost().budgets().defaultOutputTokens(), clock),
                new QuotaStage(tenancy.quotas(), pricer),
                new DispatchStage(providers, accounts, config.timeouts(), backoff, clock));
    }

    public GatewayConfig config() {
        return config;
    }

    /** Client keys: the configured ones, then the database's. */
    ClientAuth auth() {
        return auth;
    }

    ModelCatalog catalog() {
        return catalog;
    }

    List<Stage<GatewayExchange>> stages() {
        return stages;
    }

    Clock clock() {
        return clock;
    }

    /** Prices completed requests with the price book. */
    public RequestPricer pricer() {
        return pricer;
    }

    /**
     * Adds a listener told how every chat request ended (after the stages' own listeners); see
     * {@link CompletionListener} for the contract.
     */
    public void onCompletion(CompletionListener listener) {
        completionListeners.add(listener);
    }

    List<CompletionListener> completionListeners() {
        return completionListeners;
    }

    ProviderRegistry providers() {
        return providers;
    }

    /** The upstream account pool, for the admin API. */
    public UpstreamAccounts accounts() {
        return accounts;
    }

    /** Subscription OAuth accounts (authorization, tokens, refresh), for the admin API. */
    public OAuthAccounts oauth() {
        return oauth;
    }

    int providerCount() {
        return providers.size();
    }

    /** Organizations, users, keys, quotas and the audit log, for the admin API. */
    public Tenancy tenancy() {
        return tenancy;
    }

    private void syncAccounts(Clock clock) {
        try {
            accounts.sync(clock.instant());
        } catch (RuntimeException e) {
            LOG.warning(() -> "account sync with the database failed (retried): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        oauth.close();
        providers.close();
        classifier.close();
        usage.close(); // after the server stopped: events of the last requests are stored or spooled
        budgets.close();
        alerts.close();
        tenancy.close();
        database.close();
    }

    /** Budgets of organizations, teams, keys and users, for the admin API. */
    public Budgets budgets() {
        return budgets;
    }

    /** Price overrides set through the admin API. */
    public PriceOverrides priceOverrides() {
        return priceOverrides;
    }

    /** The version of the price overrides in use (0: none). */
    public long priceVersion() {
        return priceVersion;
    }

    /**
     * Lays the newest price overrides over the shipped catalogue and {@code cost.price-book} when
     * their version changed; every instance polls this every {@code tenancy.cache-sync}.
     */
    public synchronized void reloadPrices() {
        long latest = priceOverrides.latestVersion();
        if (latest == priceVersion) {
            return;
        }
        PriceBook book = priceOverrides.current().map(v -> basePrices.overriddenBy(v.book())).orElse(basePrices);
        pricer.use(book);
        priceVersion = latest;
        LOG.info(() -> "prices: " + book.entries().size() + " entries, override version " + latest);
    }

    private void reloadPricesQuietly() {
        try {
            reloadPrices();
        } catch (RuntimeException e) {
            LOG.warning(() -> "price overrides could not be read (retried): " + e.getMessage());
        }
    }

    /** Spend anomaly detection, for the admin API. */
    public SpendAnomalies anomalies() {
        return anomalies;
    }

    /** Where alerts go (log, webhooks, SMTP). */
    public Alerts alerts() {
        return alerts;
    }

    /** The usage bus and store, for the cost engine's readers and tests. */
    public UsagePipeline usage() {
        return usage;
    }

    /** Model resolution and smart-routing policies. */
    public PolicyRouter router() {
        return router;
    }

    /** The routing policies of the configuration file and of the admin API. */
    public RoutingPolicies policies() {
        return policies;
    }

    /** Recent upstream outcomes per provider/model, which routing policies' live scores read. */
    public RecentOutcomes outcomes() {
        return outcomes;
    }

    private void reloadPoliciesQuietly() {
        try {
            policies.reload();
        } catch (RuntimeException e) {
            LOG.warning(() -> "routing policies could not be read (retried): " + e.getMessage());
        }
    }
}
