package dev.llmgateway.router.accounttype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTypesTest {

    private final AccountTypes types = AccountTypes.defaults();

    private static GatewayConfig.Provider provider(GatewayConfig.ProviderType type, String base) {
        return new GatewayConfig.Provider("p", type, URI.create(base), Optional.empty(), List.of(), Map.of());
    }

    private static Map<String, String> prepared(AccountType type, String secret) {
        Preparation p = Preparation.of(Map.of("x-custom", "1"), Json.object(), Optional.of(secret));
        type.prepare(p);
        return p.headers();
    }

    @Test
    void apiKeyAccounts_getTheirProvidersKeyType() {
        assertEquals("anthropic-api-key", types.resolve(Credential.API_KEY,
                provider(GatewayConfig.ProviderType.ANTHROPIC, "https://api.anthropic.com/v1")).id());
        assertEquals("gemini-api-key", types.resolve(Credential.API_KEY,
                provider(GatewayConfig.ProviderType.GEMINI, "https://generativelanguage.googleapis.com/v1beta")).id());
        assertEquals("openai-api-key", types.resolve(Credential.API_KEY,
                provider(GatewayConfig.ProviderType.OPENAI, "https://api.openai.com/v1")).id());
        assertEquals("openrouter-key", types.resolve(Credential.API_KEY,
                provider(GatewayConfig.ProviderType.OPENAI, "https://openrouter.ai/api/v1")).id());
        assertEquals("custom-openai-compatible", types.resolve(Credential.API_KEY,
                provider(GatewayConfig.ProviderType.OPENAI, "http://127.0.0.1:11434/v1")).id());
    }

    @Test
    void oauthTypes_resolveByIdOnlyForTheirProviderKind() {
        GatewayConfig.Provider anthropic = provider(GatewayConfig.ProviderType.ANTHROPIC, "https://api.anthropic.com/v1");
        assertEquals("claude-code-oauth", types.resolve("claude-code-oauth", anthropic).id());
        assertEquals("anthropic-api-key", types.resolve("gemini-cli-oauth", anthropic).id(), "wrong kind: the key type");
        assertEquals("anthropic-api-key", types.resolve("from-a-newer-version", anthropic).id());
        assertEquals(Optional.of("gemini-cli-oauth"), types.oauth("gemini-cli").map(AccountType::id));
        assertEquals(List.of("claude-code-oauth", "gemini-cli-oauth"),
                types.oauthTypes().stream().map(AccountType::id).toList());
    }

    @Test
    void apiKeyTypes_putTheKeyInTheirProvidersHeader() {
        assertEquals(Map.of("x-custom", "1", "authorization", "Bearer k"), prepared(new OpenAiApiKey(), "k"));
        assertEquals(Map.of("x-custom", "1", "authorization", "Bearer k"), prepared(new OpenRouterKey(), "k"));
        assertEquals(Map.of("x-custom", "1", "x-api-key", "k"), prepared(new AnthropicApiKey(), "k"));
        assertEquals(Map.of("x-custom", "1", "x-goog-api-key", "k"), prepared(new GeminiApiKey(), "k"));
        Preparation keyless = Preparation.headersOnly(Map.of(), Optional.empty());
        new CustomOpenAiCompatible().prepare(keyless);
        assertEquals(Map.of(), keyless.headers(), "a keyless local endpoint gets no auth header");
    }

    @Test
    void errorHooks_mapWhatTheProviderMeans() {
        byte[] badKey = "{\"error\":{\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(401, new GeminiApiKey().effectiveStatus(400, badKey));
        assertEquals(400, new GeminiApiKey().effectiveStatus(400, "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(429, new OpenRouterKey().effectiveStatus(402, new byte[0]), "no credits: the account, not the request");
        assertEquals(402, new OpenAiApiKey().effectiveStatus(402, new byte[0]));
    }

    @Test
    void geminiCliOAuth_bearerInsteadOfTheKeyHeader_andGoogleStyleTokenRequests() {
        GatewayConfig.OAuthSettings s = new GatewayConfig.OAuthSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new Secret("client-s3cret")), Optional.empty(), Optional.empty(),
                Optional.empty());
        GeminiCliOAuth type = GeminiCliOAuth.of(s);

        assertEquals(Map.of("x-custom", "1", "authorization", "Bearer ya29.t"), prepared(type, "ya29.t"));
        Preparation withKey = Preparation.headersOnly(Map.of("x-goog-api-key", "AIza-operator"), Optional.of("t"));
        type.prepare(withKey);
        assertTrue(withKey.header("x-goog-api-key").isEmpty());

        String url = type.authorizationUrl("st", "ch").toString();
        assertTrue(url.startsWith("https://accounts.google.com/o/oauth2/v2/auth?client_id=681255809395-"), url);
        assertTrue(url.contains("&access_type=offline&prompt=consent&code_challenge=ch&code_challenge_method=S256&state=st"),
                url);
        TokenRequest exchange = type.codeExchange("4/c", "v", "st");
        assertEquals("application/x-www-form-urlencoded", exchange.contentType());
        assertEquals("grant_type=authorization_code&code=4%2Fc&redirect_uri=https%3A%2F%2Fcodeassist.google.com%2F"
                + "authcode&client_id=681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com"
                + "&client_secret=client-s3cret&code_verifier=v", exchange.body());
        assertTrue(type.refresh("1//r").body().startsWith("grant_type=refresh_token&refresh_token=1%2F%2Fr&client_id="));
    }
}
