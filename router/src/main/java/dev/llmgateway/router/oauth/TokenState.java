package dev.llmgateway.router.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * One OAuth account's stored state, tokens decrypted (held in memory only): its type, status,
 * tokens, when they were last obtained, and the last error from the token endpoint.
 */
public record TokenState(String accountId, String type, OAuthStatus status, Optional<TokenSet> tokens,
                         Optional<Instant> refreshedAt, Optional<String> lastError) {

    /** When the access token expires, if there is one. */
    public Optional<Instant> expiresAt() {
        return tokens.map(TokenSet::expiresAt);
    }

    Optional<String> accessToken() {
        return tokens.map(TokenSet::accessToken);
    }

    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return tokens.map(t -> !now.plus(margin).isBefore(t.expiresAt())).orElse(false);
    }

    @Override
    public String toString() {
        return "TokenState[" + accountId + ", " + status + ", expiresAt=" + expiresAt().orElse(null) + "]";
    }
}
