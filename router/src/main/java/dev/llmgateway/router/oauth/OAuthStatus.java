package dev.llmgateway.router.oauth;

import java.util.Locale;

/** Where an OAuth account stands: waiting for authorization, holding tokens, or its grant revoked. */
public enum OAuthStatus {
    /** Added; no tokens yet (oauth-start, then oauth-callback). */
    PENDING,
    /** Holds tokens; refreshed before they expire. */
    ACTIVE,
    /** The token endpoint rejected the refresh token ({@code invalid_grant}): authorize again. */
    REVOKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OAuthStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
