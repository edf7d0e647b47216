package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.pool.FailureKind;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.router.provider.ProviderRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs one upstream attempt after another until one succeeds, within the attempt limit and the
 * request's deadline: each attempt takes an account from the pool (the conversation's account when
 * it has one), a retryable failure moves to another account at once when one is available, and
 * otherwise the plan's next target (model) takes over, and on the last target it waits (backoff, or
 * exactly the upstream's Retry-After) before trying again. Every outcome is reported to the
 * account's health.
 */
final class Failover {

    private static final Logger LOG = Logger.getLogger(Failover.class.getName());

    private final ProviderRegistry providers;
    private final UpstreamAccounts accounts;
    private final Backoff backoff;
    private final Clock clock;

    Failover(ProviderRegistry providers, UpstreamAccounts accounts, Backoff backoff, Clock clock) {
        this.providers = providers;
        this.accounts = accounts;
        this.backoff = backoff;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run(ProviderAdapter adapter, UpstreamCall call);
    }

    /** Thrown inside one target's attempts when the next target of the plan should take over. */
    private static final class NextTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        NextTarget(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /**
     * Tries the plan's targets in order: the first with its accounts (see the class comment); when it
     * cannot serve the request — every account failed, is cooling down or disabled — the next target
     * (a policy's next candidate, or a configured fallback model) gets the remaining attempts, within
     * the same deadline and attempt limit. A client error (bad request) is final: another model
     * would refuse it too.
     */
    <T> T run(GatewayExchange exchange, Function<Target, UpstreamCall> callFor, Attempt<T> attempt) {
        List<Target> targets = exchange.plan().orElseThrow().targets();
        String after = "";
        for (int i = 0; ; i++) {
            Target target = targets.get(i);
            boolean last = i == targets.size() - 1;
            Target served = after.isEmpty() ? target
                    : new Target(target.provider(), target.model(), target.reason() + "; " + after);
            try {
                return runTarget(exchange, served, callFor.apply(target), attempt, last);
            } catch (NextTarget next) {
                after = "after " + target.id() + " failed (" + next.code + ")";
                Target to = targets.get(i + 1);
                LOG.info(() -> "rid=" + exchange.requestId() + " " + target.id() + " cannot serve the request ("
                        + next.code + "); falling back to " + to.id());
            }
        }
    }

    private <T> T runTarget(GatewayExchange exchange, Target target, UpstreamCall baseCall, Attempt<T> attempt,
                            boolean last) {
        ProviderAdapter adapter = providers.adapter(target.provider()).orElseThrow(() ->
                new IllegalStateException("routing chose provider '" + target.provider() + "' which has no adapter"));
        AccountPool pool = accounts.pool();
        Optional<String> session = SessionKeys.of(exchange);
        Set<String> tried = new HashSet<>();
        exchange.servedBy(target);
        while (true) {
            Optional<AccountPool.Lease> acquired = pool.acquire(target.provider(), target.model(), session, tried)
                    .or(() -> pool.acquire(target.provider(), target.model(), session, Set.of()));
            if (acquired.isEmpty()) {
                if (!last && !exchange.deadline().expired()) {
                    throw new NextTarget("no_account_available");
                }
                throw noAccount(target, pool);
            }
            AccountPool.Lease lease = acquired.get();
            exchange.attempted();
            exchange.account(lease);
            long start = System.nanoTime();
            try {
                var account = lease.account();
                T result = accounts.withCredential(account.id(), credential -> attempt.run(adapter,
                        baseCall.withCredential(credential.map(c -> c.forAccount(account.id(), account.options())))
                                .withEgressProxy(account.proxy())));
                lease.success(System.nanoTime() - start, 0);
                return result;
            } catch (ProviderFailure f) {
                FailureKind kind = kind(f);
                lease.failure(kind, f.retryAfter(), f.clientError().code().orElse("error"));
                tried.add(lease.account().id());
                // Rejected credentials are final for this account, not for the request: another account may work.
                boolean anotherAccountMayHelp = f.retryable() || kind == FailureKind.CREDENTIALS;
                if (!anotherAccountMayHelp || exchange.attempts() >= backoff.maxAttempts()
                        || exchange.deadline().expired()) {
                    throw f.clientError();
                }
                if (pool.hasAvailable(target.provider(), target.model(), tried)) {
                    LOG.info(() -> "rid=" + exchange.requestId() + " account " + lease.account().id() + " failed ("
                            + f.clientError().code().orElse("error") + "); failing over to another account");
                    continue;
                }
                if (!last) {
                    throw new NextTarget(f.clientError().code().orElse("error"));
                }
                long waitMs = f.retryable() ? backoff.delayBeforeRetry(exchange.attempts(), f, exchange.deadline()) : -1;
                if (waitMs < 0) {
                    throw f.clientError();
                }
                LOG.info(() -> "rid=" + exchange.requestId() + " attempt " + exchange.attempts() + " to "
                        + target.id() + " failed (" + f.clientError().code().orElse("error") + "); retrying in "
                        + waitMs + " ms");
                backoff.sleep(waitMs);
            }
        }
    }

    /** How a failure counts against the account that produced it. */
    static FailureKind kind(ProviderFailure f) {
        int status = f.upstreamStatus();
        if (status == 401 || status == 403) {
            return FailureKind.CREDENTIALS;
        }
        if (status == 429) {
            return FailureKind.RATE_LIMITED;
        }
        if (status == 0 || status >= 500 || status == 408 || status == 409 || status == 200) {
            return FailureKind.SERVER;
        }
        return FailureKind.CLIENT;
    }

    private RuntimeException noAccount(Target target, AccountPool pool) {
        Optional<Instant> next = pool.nextAvailable(target.provider());
        Duration wait = next.map(t -> Duration.between(clock.instant(), t)).filter(d -> !d.isNegative())
                .orElse(null);
        if (wait != null) {
            return new RateLimitedException("Every upstream account of provider '" + target.provider()
                    + "' is cooling down after rate limits or failures; try again later.", "no_account_available", wait);
        }
        return new UpstreamException(ErrorCategory.UNAVAILABLE, "No upstream account of provider '"
                + target.provider() + "' can take requests for '" + target.model()
                + "' now (disabled, at its limits, or failing).", "no_account_available");
    }
}
