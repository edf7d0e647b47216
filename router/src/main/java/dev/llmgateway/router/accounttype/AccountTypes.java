package dev.llmgateway.router.accounttype;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.config.GatewayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every account type the gateway knows, by id. An account stored as {@value Credential#API_KEY}
 * gets the API-key type of its provider: Anthropic, Gemini, or for an OpenAI-compatible provider
 * OpenAI itself, OpenRouter, or a custom endpoint (told by the base URI's host). Immutable;
 * thread-safe.
 */
public final class AccountTypes {

    private static final AccountType OPENAI = new OpenAiApiKey();
    private static final AccountType OPENROUTER = new OpenRouterKey();
    private static final AccountType CUSTOM = new CustomOpenAiCompatible();
    private static final AccountType ANTHROPIC = new AnthropicApiKey();
    private static final AccountType GEMINI = new GeminiApiKey();

    private final Map<String, AccountType> byId = new LinkedHashMap<>();

    private AccountTypes(List<AccountType> types) {
        types.forEach(t -> byId.put(t.id(), t));
    }

    /** The types, the subscription ones with the operator's {@code accounts.oauth.*} settings. */
    public static AccountTypes of(GatewayConfig.Accounts settings) {
        Map<String, GatewayConfig.OAuthSettings> oauth = settings.oauth();
        return new AccountTypes(List.of(OPENAI, OPENROUTER, CUSTOM, ANTHROPIC, GEMINI,
                ClaudeCodeOAuth.of(oauth.getOrDefault(ClaudeCodeOAuth.SETTINGS, GatewayConfig.OAuthSettings.none())),
                GeminiCliOAuth.of(oauth.getOrDefault(GeminiCliOAuth.SETTINGS, GatewayConfig.OAuthSettings.none()))));
    }

    public static AccountTypes defaults() {
        return of(GatewayConfig.Accounts.defaults());
    }

    /** The type that prepares {@code call}: its credential's, or the provider's API-key type. */
    public AccountType forCall(UpstreamCall call, GatewayConfig.Provider provider) {
        return resolve(call.credential().map(Credential::type).orElse(Credential.API_KEY), provider);
    }

    /**
     * The type of an account of {@code provider} stored as {@code typeId}. An id this gateway does
     * not know (written by a newer version) falls back to the provider's API-key type.
     */
    public AccountType resolve(String typeId, GatewayConfig.Provider provider) {
        AccountType t = byId.get(typeId);
        return t != null && t.provider() == provider.type() ? t : apiKey(provider);
    }

    /** The API-key type of a provider. */
    static AccountType apiKey(GatewayConfig.Provider provider) {
        return switch (provider.type()) {
            case ANTHROPIC -> ANTHROPIC;
            case GEMINI -> GEMINI;
            case OPENAI -> {
                String host = String.valueOf(provider.baseUri().getHost());
                if (host.equals(OpenRouterKey.HOST) || host.endsWith("." + OpenRouterKey.HOST)) {
                    yield OPENROUTER;
                }
                yield host.equals("api.openai.com") ? OPENAI : CUSTOM;
            }
        };
    }

    public Optional<AccountType> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A subscription (OAuth) type by id; also found by its settings name ({@code claude-code}). */
    public Optional<OAuthAccountType> oauth(String idOrSettingsName) {
        for (OAuthAccountType t : oauthTypes()) {
            if (t.id().equals(idOrSettingsName) || t.settingsName().equals(idOrSettingsName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public List<OAuthAccountType> oauthTypes() {
        List<OAuthAccountType> out = new ArrayList<>();
        for (AccountType t : byId.values()) {
            if (t instanceof OAuthAccountType o) {
                out.add(o);
            }
        }
        return out;
    }

    /** Every type id, for messages and documentation. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
