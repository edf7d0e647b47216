package dev.llmgateway.router.oauth;

/**
 * A token endpoint did not grant tokens. {@link Kind#REJECTED} is the grant itself being refused
 * ({@code invalid_grant}: a revoked refresh token, a used or expired code); the others say nothing
 * about the account. The message carries the endpoint's error code and description, never a token.
 */
public final class OAuthException extends RuntimeException {

    /** Why no tokens came. */
    public enum Kind {
        /** {@code invalid_grant} (HTTP 400/401): the code or refresh token is no good any more. */
        REJECTED,
        /** Any other refusal (bad client id or secret, malformed request): a configuration problem. */
        REFUSED,
        /** No usable answer: unreachable, timed out, 5xx, or an answer without an access token. */
        UNAVAILABLE
    }

    private final Kind kind;

    OAuthException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean rejected() {
        return kind == Kind.REJECTED;
    }
}
