package dev.llmgateway.router.accounttype;

import java.net.URI;

/**
 * A subscription account type whose credential is an OAuth access token: besides preparing
 * requests, it knows its provider's OAuth dialect (how the authorization URL looks, how the token
 * endpoint wants a code exchange and a refresh). The generic machinery (PKCE, storage, refresh)
 * lives in {@code router.oauth}. Ids of OAuth types end with {@code -oauth}.
 */
public interface OAuthAccountType extends AccountType {

    /** The name of its settings: {@code accounts.oauth.<settingsName>.*}. */
    String settingsName();

    /** The OAuth client in effect (defaults with the operator's changes). */
    OAuthClient client();

    /** The URL an operator opens to authorize, with PKCE ({@code S256}) and {@code state}. */
    URI authorizationUrl(String state, String codeChallenge);

    /** The token request that exchanges an authorization code (with its PKCE verifier). */
    TokenRequest codeExchange(String code, String verifier, String state);

    /** The token request that trades a refresh token for a new access token. */
    TokenRequest refresh(String refreshToken);
}
