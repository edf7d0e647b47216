package dev.llmgateway.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsConfigTest {

    @Test
    void defaults_subscriptionOAuthOff_andNothingOverridden() {
        GatewayConfig.Accounts a = ConfigFixtures.fromYaml("gateway: {data-dir: /tmp/x}").accounts();

        assertFalse(a.allowSubscriptionOAuth());
        assertEquals(Duration.ofMinutes(5), a.refreshBefore());
        assertEquals(Duration.ofSeconds(30), a.refreshCheckInterval());
        assertEquals(Duration.ofMinutes(10), a.authorizationTtl());
        assertEquals(GatewayConfig.OAuthSettings.none(), a.oauth().get("claude-code"));
        assertEquals(GatewayConfig.OAuthSettings.none(), a.oauth().get("gemini-cli"));
    }

    @Test
    void fileAndEnvironment_setEveryKey_theSecretNeverPrints() {
        GatewayConfig.Accounts a = ConfigFixtures.fromYaml("""
                accounts:
                  allow-subscription-oauth: true
                  oauth:
                    refresh-before: 10m
                    background-refresh: false
                    authorization-ttl: 3m
                    claude-code:
                      authorize-uri: http://127.0.0.1:9/authorize
                      token-uri: http://127.0.0.1:9/token
                      client-id: my-client
                      scopes: [user:inference]
                      redirect-uri: http://localhost:54545/callback
                      system-prompt-prefix: You are Claude Code, Anthropic's official CLI for Claude.
                """, Map.of("LLMGW_ACCOUNTS_OAUTH_GEMINI_CLI_CLIENT_SECRET", "GOCSPX-test")).accounts();

        assertTrue(a.allowSubscriptionOAuth());
        assertEquals(Duration.ofMinutes(10), a.refreshBefore());
        assertEquals(Duration.ZERO, a.refreshCheckInterval(), "background refresh off");
        assertEquals(Duration.ofMinutes(3), a.authorizationTtl());
        GatewayConfig.OAuthSettings claude = a.oauth().get("claude-code");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9/token")), claude.tokenUri());
        assertEquals(Optional.of("my-client"), claude.clientId());
        assertEquals(Optional.of(List.of("user:inference")), claude.scopes());
        assertEquals(Optional.of(URI.create("http://localhost:54545/callback")), claude.redirectUri());
        GatewayConfig.OAuthSettings gemini = a.oauth().get("gemini-cli");
        assertEquals("GOCSPX-test", gemini.clientSecret().orElseThrow().value());
        assertFalse(gemini.toString().contains("GOCSPX-test"));
    }

    @Test
    void badValues_andUnknownTypes_areReportedByPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFixtures.fromYaml("""
                accounts:
                  allow-subscription-oauth: maybe
                  oauth:
                    claude-code: {token-uri: not-a-url, system-prompt-prefix: " "}
                    gemini-cli: {system-prompt-prefix: x}
                    codex: {client-id: x}
                """));

        String all = String.join("\n", e.problems());
        assertTrue(all.contains("accounts.allow-subscription-oauth: must be true or false"), all);
        assertTrue(all.contains("accounts.oauth.claude-code.token-uri"), all);
        assertTrue(all.contains("accounts.oauth.claude-code.system-prompt-prefix: must not be empty"), all);
        assertTrue(all.contains("accounts.oauth.gemini-cli.system-prompt-prefix"), "only Claude Code has one: " + all);
        assertTrue(all.contains("accounts.oauth.codex"), all);
    }
}
