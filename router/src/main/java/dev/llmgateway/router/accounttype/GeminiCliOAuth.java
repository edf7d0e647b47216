package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Google account signed in the way Gemini CLI signs in ("Login with Google": OAuth with PKCE
 * against accounts.google.com, offline access so a refresh token comes back). Like Gemini CLI, its
 * requests go to Google's Code Assist API ({@link CodeAssist}; the account's {@code base_uri}
 * option, default {@code https://cloudcode-pa.googleapis.com}) with the access token as
 * {@code Authorization: Bearer}: the Gemini request the adapter built is wrapped with the model and
 * the account's Code Assist project (its {@code project} option, else found once with
 * {@code loadCodeAssist}), and answers are unwrapped, so the Gemini adapter reads them as the Gemini
 * API's own. A health probe (headers only) is left as a bearer request to the provider's URI.
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

    /** Account options: the Code Assist project id, and the Code Assist endpoint (tests, proxies). */
    static final String PROJECT = "project";
    static final String BASE_URI = "base_uri";

    private final OAuthClient client;
    private final CodeAssistProjects projects = new CodeAssistProjects();

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
    public Set<String> options() {
        return Set.of(PROJECT, BASE_URI);
    }

    @Override
    public void prepare(Preparation request) {
        request.removeHeader("x-goog-api-key");
        request.secret().ifPresent(token -> request.header("authorization", "Bearer " + token));
        if (request.body().isEmpty() || request.model().isEmpty()) {
            return; // a probe: only the credential
        }
        URI base = request.option(BASE_URI).map(URI::create).orElse(CodeAssist.ENDPOINT);
        String project = request.option(PROJECT).orElseGet(() -> projects.project(request.account(), base,
                () -> loadCodeAssist(request, base)));
        CodeAssist.wrap(request.body().get(), request.model().get(), project, UUID.randomUUID().toString());
        request.target(CodeAssist.generate(base, request.stream()));
    }

    /** Asks Code Assist about the signed-in user, with the account's token, as Gemini CLI does at start-up. */
    private static JsonNode loadCodeAssist(Preparation request, URI base) {
        Preparation.Fetch fetch = request.fetch().orElseThrow(() -> new IllegalStateException(
                "the adapter offers no side request; a Code Assist project cannot be looked up"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", "application/json");
        request.header("authorization").ifPresent(a -> headers.put("authorization", a));
        return fetch.post(CodeAssist.method(base, "loadCodeAssist"), headers, CodeAssist.loadRequest());
    }

    @Override
    public JsonNode unwrap(JsonNode answer) {
        return CodeAssist.unwrap(answer);
    }

    @Override
    public StreamTranslator unwrapping(StreamTranslator translator) {
        return new CodeAssist.Unwrapping(translator);
    }

    /** The projects found with {@code loadCodeAssist} (tests). */
    CodeAssistProjects projects() {
        return projects;
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
