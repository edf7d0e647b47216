package dev.llmgateway.router.pool;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The account pool built from configuration, with each account's credential kept apart from the
 * pool (the pool never sees secrets). A provider without an {@code accounts} list is one account
 * named {@code default} with the provider's key. Account ids are {@code provider/name}.
 */
public final class UpstreamAccounts {

    private static final Logger LOG = Logger.getLogger("llmgw.pool");

    private final AccountPool pool;
    private final Map<String, Optional<Credential>> credentials;

    private UpstreamAccounts(AccountPool pool, Map<String, Optional<Credential>> credentials) {
        this.pool = pool;
        this.credentials = credentials;
    }

    public static UpstreamAccounts fromConfig(GatewayConfig config, Clock clock) {
        List<Account> accounts = new ArrayList<>();
        Map<String, Optional<Credential>> credentials = new HashMap<>();
        Map<String, SelectionStrategy> strategies = new HashMap<>();
        List<String> disabled = new ArrayList<>();
        for (GatewayConfig.Provider p : config.providers().values()) {
            strategies.put(p.name(), SelectionStrategy.named(p.strategy()));
            if (p.accounts().isEmpty()) {
                String id = p.name() + "/default";
                accounts.add(new Account(id, "default", p.name(), List.of(), 1, 0, Account.Limits.NONE));
                credentials.put(id, p.apiKey().map(Secret::value).map(Credential::new));
                continue;
            }
            for (GatewayConfig.AccountSettings a : p.accounts()) {
                String id = p.name() + "/" + a.name();
                accounts.add(new Account(id, a.name(), p.name(), a.models(), a.weight(), a.priority(),
                        new Account.Limits(a.maxConcurrency(), a.requestsPerMinute(), a.tokensPerMinute())));
                credentials.put(id, a.apiKey().or(p::apiKey).map(Secret::value).map(Credential::new));
                if (!a.enabled()) {
                    disabled.add(id);
                }
            }
        }
        GatewayConfig.Pool s = config.pool();
        AccountPool pool = new AccountPool(accounts, strategies,
                new HealthSettings(s.failureThreshold(), s.failureWindow(), s.openDuration(), s.baseCooldown(),
                        s.maxCooldown()),
                s.affinityTtl(), clock,
                change -> LOG.warning(() -> "account " + change.accountId() + ": " + change.from() + " -> "
                        + change.to() + " (" + change.reason() + ")"));
        disabled.forEach(id -> pool.setEnabled(id, false));
        return new UpstreamAccounts(pool, Map.copyOf(credentials));
    }

    public AccountPool pool() {
        return pool;
    }

    public Optional<Credential> credential(String accountId) {
        return credentials.getOrDefault(accountId, Optional.empty());
    }
}
