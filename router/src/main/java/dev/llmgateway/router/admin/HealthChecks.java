package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.pool.AccountStatus;
import dev.llmgateway.router.pool.UpstreamAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Probes accounts with {@link AccountProber} and feeds the outcome to the pool: a 2xx takes the
 * pool's success path (an account disabled by rejected credentials comes back), 401/403 its
 * credentials path; anything else is only reported. On demand for every account, and in the
 * background every {@code router.pool.probe-interval} for the accounts that need it (disabled by
 * rejected credentials, or with an open circuit) — the automatic recovery. Thread-safe.
 */
final class HealthChecks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("llmgw.admin");

    private final GatewayConfig config;
    private final UpstreamAccounts accounts;
    private final AccountProber prober;
    private ScheduledExecutorService background;

    HealthChecks(GatewayConfig config, UpstreamAccounts accounts, AccountProber prober) {
        this.config = config;
        this.accounts = accounts;
        this.prober = prober;
    }

    /** One account's check: the probe and the account's overall status before and after it. */
    record Check(String accountId, AccountProber.Result result, AccountStatus before, AccountStatus after) {
        ObjectNode json() {
            return Json.object().put("id", accountId)
                    .put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .put("http_status", result.httpStatus())
                    .put("latency_ms", result.latencyMillis())
                    .put("detail", result.detail())
                    .put("status_before", AccountJson.name(before))
                    .put("status_after", AccountJson.name(after));
        }
    }

    /** Probes every account at once (one virtual thread each) and applies the outcomes. */
    List<Check> all() {
        return run(id -> true);
    }

    /** Probes the accounts a probe could bring back or should confirm down. */
    List<Check> recovery() {
        return run(accounts.pool()::probeWorthy);
    }

    private List<Check> run(Predicate<String> which) {
        List<Future<Check>> futures = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AccountPool.AccountView v : accounts.pool().list()) {
                if (which.test(v.account().id())) {
                    futures.add(workers.submit(() -> check(v.account())));
                }
            }
        }
        List<Check> out = new ArrayList<>();
        for (Future<Check> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "health probe failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    private Check check(Account account) {
        AccountPool pool = accounts.pool();
        AccountStatus before = status(account.id());
        GatewayConfig.Provider provider = config.providers().get(account.provider());
        AccountProber.Result r = probe(provider, account);
        switch (r.outcome()) {
            case HEALTHY -> pool.recordProbe(account.id(), false, r.detail());
            case CREDENTIALS_REJECTED -> pool.recordProbe(account.id(), true, "health probe got " + r.httpStatus());
            default -> {
                // proves nothing about the account: state unchanged
            }
        }
        AccountStatus after = status(account.id());
        if (before != after) {
            LOG.info(() -> "health probe of account " + account.id() + ": " + before + " -> " + after
                    + " (" + r.detail() + ")");
        }
        return new Check(account.id(), r, before, after);
    }

    private AccountProber.Result probe(GatewayConfig.Provider provider, Account account) {
        try {
            return prober.probe(provider, accounts.credential(account.id()), account.proxy());
        } catch (ProviderFailure noToken) {
            // an OAuth account without a usable token: nothing to probe, and nothing learnt
            return new AccountProber.Result(AccountProber.Outcome.NO_CREDENTIAL, 0, 0,
                    noToken.clientError().getMessage());
        }
    }

    private AccountStatus status(String id) {
        return accounts.pool().status(id).map(AccountPool.AccountView::status).orElse(AccountStatus.DISABLED);
    }

    /** Starts the background recovery probes; a zero interval turns them off. Call once. */
    synchronized void startBackground(Duration interval) {
        if (interval.isZero() || interval.isNegative() || background != null) {
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("llmgw-account-probes").factory());
        background.scheduleWithFixedDelay(() -> {
            try {
                recovery();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background health probes failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (background != null) {
            background.shutdownNow();
            try {
                background.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            background = null;
        }
        prober.close();
    }
}
