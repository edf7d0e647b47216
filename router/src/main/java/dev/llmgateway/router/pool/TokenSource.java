package dev.llmgateway.router.pool;

import dev.llmgateway.core.spi.Credential;
import java.util.Optional;

/**
 * The access tokens of OAuth accounts, kept fresh outside the pool (by {@code router.oauth}).
 * Implementations are thread-safe and never log a token.
 */
public interface TokenSource {

    /**
     * A token good for a call now: refreshed first when it is about to expire (waiting for the
     * refresh already in flight, if any). Throws {@link dev.llmgateway.core.spi.ProviderFailure} when
     * the account has no usable token (not authorized yet, grant revoked, token endpoint down).
     */
    Credential current(String accountId);

    /**
     * After the upstream answered 401 to {@code rejected}: a different token (refreshed now, or
     * by another request meanwhile), or empty when no refresh could produce one.
     */
    Optional<Credential> renew(String accountId, Credential rejected);

    /** Why the account may not take traffic now (authorization pending, grant revoked); empty when it may. */
    Optional<String> blocked(String accountId);

    /** The stored state changed (another instance); cached tokens are dropped. */
    void reload(String accountId);

    /** For gateways without OAuth support: every OAuth account is blocked. */
    TokenSource NONE = new TokenSource() {
        @Override
        public Credential current(String accountId) {
            throw new IllegalStateException("no OAuth support: " + accountId);
        }

        @Override
        public Optional<Credential> renew(String accountId, Credential rejected) {
            return Optional.empty();
        }

        @Override
        public Optional<String> blocked(String accountId) {
            return Optional.of("OAuth accounts are not supported here");
        }

        @Override
        public void reload(String accountId) {
        }
    };
}
