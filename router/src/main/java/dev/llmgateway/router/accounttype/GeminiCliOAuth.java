package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Google account signed in the way Gemini CLI signs in ("Login with Google": OAuth with PKCE
 * against accounts.google.com, offline access so a refresh token comes back). Its access token is
 * sent as {@code Authorization: Bearer} to the provider's base URI instead of an API key.
 * Gemini CLI itself sends such tokens to Google's Code Assist endpoint
 * ({@code cloudcode-pa.googleapis.com/v1internal}), which wraps requests and answers in an
 * envelope and needs a Code Assist project; that wrapping is not done here (docs/admin-api.md).
 */
final class GeminiCliOAuth implements OAuthAccountType {

    static final String ID = "gemini-cli-oauth";
    static final String SETTINGS = "gemini-cli";
    /**
     * Gemini CLI's installed-app client id. Google also requires that client's secret in token
     * requests; Gemini CLI publishes it in its source, and operators set it in
     * {@code accounts.oauth.gemini-cli.client-secret}.
     */
    static final OAuthClient DEFAULTS = new OAuthClient(URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
            URI.create("https://oauth2.googleapis.com/token"),
            "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com", Optional.empty(),
            List.of("https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/userinfo.email",
                    "https://www.googleapis.com/auth/userinfo.profile"),
            URI.create("https://codeassist.google.com/authcode"));

    private final OAuthClient client;

    GeminiCliOAuth(OAuthClient client) {
        this.client = client;
    }

    static GeminiCliOAuth of(GatewayConfig.OAuthSettings settings) {
        return new GeminiCliOAuth(DEFAULTS.with(settings));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GatewayConfig.ProviderType provider() {
        return GatewayConfig.ProviderType.GEMINI;
    }

    @Override
    public String settingsName() {
        return SETTINGS;
    }

    @Override
    public OAuthClient client() {
        return client;
    }

    @Override
    public void prepare(Preparation request) {
        request.removeHeader("x-goog-api-key");
        request.secret().ifPresent(token -> request.header("authorization", "Bearer " + token));
    }

    /** {@code access_type=offline} and {@code prompt=consent}: without them Google sends no refresh token. */
    @Override
    public URI authorizationUrl(String state, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", client.clientId());
        q.put("redirect_uri", client.redirectUri().toString());
        q.put("response_type", "code");
        q.put("scope", String.join(" ", client.scopes()));
        q.put("access_type", "offline");
        q.put("prompt", "consent");
        q.put("code_challenge", codeChallenge);
        q.put("code_challenge_method", "S256");
        q.put("state", state);
        return Forms.withQuery(client.authorizeUri(), q);
    }

    /** Google's token endpoint takes the standard form encoding (RFC 6749). */
    @Override
    public TokenRequest codeExchange(String code, String verifier, String state) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", client.redirectUri().toString());
        f.put("client_id", client.clientId());
        client.clientSecret().map(Secret::value).ifPresent(s -> f.put("client_secret", s));
        f.put("code_verifier", verifier);
        return Forms.form(f);
    }

    @Override
    public TokenRequest refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        f.put("client_id", client.clientId());
        client.clientSecret().map(Secret::value).ifPresent(s -> f.put("client_secret", s));
        return Forms.form(f);
    }
}
