package dev.llmgateway.tenancy.key;

/**
 * Why a presented client key was refused, each with its HTTP status and stable code (the table is in
 * docs/tenancy.md). 401s say the key itself is no good; 403s say the key is fine but may not be
 * used here and now.
 */
public enum Refusal {
    UNKNOWN(401, "invalid_api_key", "Invalid API key."),
    EXPIRED(401, "key_expired", "This API key has expired; ask an administrator of your organization for a new "
            + "key or a later expiry."),
    DISABLED(401, "key_disabled", "This API key is disabled; an administrator of your organization can enable it "
            + "again."),
    REVOKED(401, "key_revoked", "This API key has been revoked."),
    ROTATED(401, "key_rotated", "This API key was rotated and its old secret no longer works; use the new key."),
    ORG_DISABLED(403, "organization_disabled", "The organization this API key belongs to is disabled."),
    IP_NOT_ALLOWED(403, "ip_not_allowed", "This API key may not be used from this address.");

    private final int status;
    private final String code;
    private final String message;

    Refusal(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A message for the caller; never carries the key. */
    public String message() {
        return message;
    }
}
