package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth 2.0 client a subscription type uses: authorization and token endpoints, client id, the
 * client secret some providers require even of installed apps (none for Claude Code), scopes and
 * the redirect URI registered for the client. The secret never prints.
 */
public record OAuthClient(URI authorizeUri, URI tokenUri, String clientId, Optional<Secret> clientSecret,
                          List<String> scopes, URI redirectUri) {

    public OAuthClient {
        scopes = List.copyOf(scopes);
    }

    /** These defaults with what the operator set in {@code accounts.oauth.<type>.*}. */
    public OAuthClient with(GatewayConfig.OAuthSettings s) {
        return new OAuthClient(s.authorizeUri().orElse(authorizeUri), s.tokenUri().orElse(tokenUri),
                s.clientId().orElse(clientId), s.clientSecret().or(this::clientSecret), s.scopes().orElse(scopes),
                s.redirectUri().orElse(redirectUri));
    }
}
