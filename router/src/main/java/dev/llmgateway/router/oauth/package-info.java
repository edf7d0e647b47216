/**
 * Subscription OAuth accounts: {@link dev.llmgateway.router.oauth.OAuthAccounts} (add, authorize
 * with PKCE, exchange the code, refresh, status — what the admin API calls) and
 * {@link dev.llmgateway.router.oauth.TokenKeeper}, which hands requests a valid access token,
 * refreshing it before expiry in the background and at most once at a time per account. Tokens are
 * stored sealed ({@link dev.llmgateway.router.oauth.OAuthStore}); the token endpoint is called by
 * {@link dev.llmgateway.router.oauth.TokenEndpoint}. What differs per provider (URLs, request
 * encodings, request preparation) is the account type's ({@code router.accounttype}).
 */
package dev.llmgateway.router.oauth;
