package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Claude subscription signed in the way Claude Code signs in (OAuth with PKCE against
 * claude.ai). Its access token goes to the Messages API as {@code Authorization: Bearer} (never
 * {@code x-api-key}), with the {@value #OAUTH_BETA} beta added to whatever betas the client asked
 * for, and such tokens are only accepted when the system prompt starts with Claude Code's identity
 * line: when it does not, the line is put in front as its own system block (once; a request that
 * has it, after Claude Code's own billing-header block or not, is left alone).
 */
final class ClaudeCodeOAuth implements OAuthAccountType {

    static final String ID = "claude-code-oauth";
    static final String SETTINGS = "claude-code";
    static final String OAUTH_BETA = "oauth-2025-04-20";
    /** The line Claude Code itself sends first in its system prompt. */
    static final String IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
    /** Claude Code's first system block is a billing header, before the identity line. */
    private static final String BILLING_BLOCK = "x-anthropic-billing-header:";
    /** Claude Code's public OAuth client (the same one the CLI uses); no client secret. */
    static final OAuthClient DEFAULTS = new OAuthClient(URI.create("https://claude.ai/oauth/authorize"),
            URI.create("https://console.anthropic.com/v1/oauth/token"), "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
            Optional.empty(), List.of("org:create_api_key", "user:profile", "user:inference"),
            URI.create("https://console.anthropic.com/oauth/code/callback"));

    private final OAuthClient client;
    private final String identity;

    ClaudeCodeOAuth(OAuthClient client, String identity) {
        this.client = client;
        this.identity = identity;
    }

    static ClaudeCodeOAuth of(GatewayConfig.OAuthSettings settings) {
        return new ClaudeCodeOAuth(DEFAULTS.with(settings), settings.systemPromptPrefix().orElse(IDENTITY));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GatewayConfig.ProviderType provider() {
        return GatewayConfig.ProviderType.ANTHROPIC;
    }

    @Override
    public String settingsName() {
        return SETTINGS;
    }

    @Override
    public OAuthClient client() {
        return client;
    }

    String identity() {
        return identity;
    }

    @Override
    public void prepare(Preparation request) {
        request.removeHeader("x-api-key");
        request.secret().ifPresent(token -> request.header("authorization", "Bearer " + token));
        request.header("anthropic-beta", Forms.mergeList(request.header("anthropic-beta"), OAUTH_BETA));
        request.body().ifPresent(this::requireIdentity);
    }

    /** Puts the identity line first in {@code system} unless it is there already. */
    void requireIdentity(ObjectNode body) {
        JsonNode system = body.get("system");
        ObjectNode line = Json.object().put("type", "text").put("text", identity);
        if (system == null || system.isNull() || system.isTextual() && system.asText().isEmpty()) {
            body.putArray("system").add(line);
        } else if (system.isTextual()) {
            if (!system.asText().startsWith(identity)) {
                String original = system.asText();
                ArrayNode blocks = body.putArray("system");
                blocks.add(line);
                blocks.addObject().put("type", "text").put("text", original);
            }
        } else if (system.isArray() && !startsWithIdentity(system)) {
            ((ArrayNode) system).insert(0, line);
        }
    }

    private boolean startsWithIdentity(JsonNode blocks) {
        for (JsonNode block : blocks) {
            String text = block.path("text").asText("");
            if (!text.startsWith(BILLING_BLOCK)) {
                return text.startsWith(identity);
            }
        }
        return false;
    }

    /** A revoked token may come back as a 403 rather than a 401; either means "refresh, then re-authorize". */
    @Override
    public int effectiveStatus(int status, byte[] body) {
        return status == 403 && new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("revoked")
                ? 401 : status;
    }

    /** Claude's authorize page shows the code to paste ({@code code=true}) instead of redirecting to a server. */
    @Override
    public URI authorizationUrl(String state, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code", "true");
        q.put("client_id", client.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", client.redirectUri().toString());
        q.put("scope", String.join(" ", client.scopes()));
        q.put("code_challenge", codeChallenge);
        q.put("code_challenge_method", "S256");
        q.put("state", state);
        return Forms.withQuery(client.authorizeUri(), q);
    }

    /** Anthropic's token endpoint takes JSON, and wants the state back with the code. */
    @Override
    public TokenRequest codeExchange(String code, String verifier, String state) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("state", state);
        f.put("client_id", client.clientId());
        f.put("redirect_uri", client.redirectUri().toString());
        f.put("code_verifier", verifier);
        return Forms.json(f);
    }

    @Override
    public TokenRequest refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        f.put("client_id", client.clientId());
        return Forms.json(f);
    }
}
