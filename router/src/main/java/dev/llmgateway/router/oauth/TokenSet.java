package dev.llmgateway.router.oauth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a token endpoint granted: an access token, maybe a refresh token, and the access token's expiry. */
record TokenSet(String accessToken, Optional<String> refreshToken, Instant expiresAt) {

    TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "TokenSet[****, refresh=" + refreshToken.map(r -> "****").orElse("none") + ", expiresAt=" + expiresAt
                + "]";
    }
}
