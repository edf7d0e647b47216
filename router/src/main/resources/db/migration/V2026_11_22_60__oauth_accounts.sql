-- Account types and subscription OAuth accounts (Claude Code, Gemini CLI).
-- account_type: 'api-key' (the provider's own key header) or an OAuth type ('claude-code-oauth',
-- 'gemini-cli-oauth'). OAuth accounts have no fixed key (secret_sealed NULL, secret_hint 'oauth'):
-- their access and refresh tokens are sealed with AES-256-GCM under the master key, bound to the
-- account id and the token's purpose ('<id>#access', '<id>#refresh'), and never shown; only the
-- expiry, the status (pending, active, revoked), the last refresh and the last error are.
ALTER TABLE upstream_accounts ALTER COLUMN secret_sealed DROP NOT NULL;
ALTER TABLE upstream_accounts ADD COLUMN account_type VARCHAR(40) NOT NULL DEFAULT 'api-key';
ALTER TABLE upstream_accounts ADD COLUMN access_sealed VARCHAR(8000);
ALTER TABLE upstream_accounts ADD COLUMN refresh_sealed VARCHAR(8000);
ALTER TABLE upstream_accounts ADD COLUMN token_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE upstream_accounts ADD COLUMN oauth_status VARCHAR(20);
ALTER TABLE upstream_accounts ADD COLUMN oauth_refreshed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE upstream_accounts ADD COLUMN oauth_error VARCHAR(1000);

-- Authorizations started with oauth-start and not yet completed: the PKCE verifier stays on the
-- server (sealed, bound to the account and the state), keyed by the SHA-256 of the state, and is
-- used at most once, before expires_at.
CREATE TABLE oauth_authorizations (
    state_hash       VARCHAR(64)   PRIMARY KEY,
    account_id       VARCHAR(200)  NOT NULL,
    verifier_sealed  VARCHAR(1000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oauth_authorizations_account ON oauth_authorizations (account_id);
