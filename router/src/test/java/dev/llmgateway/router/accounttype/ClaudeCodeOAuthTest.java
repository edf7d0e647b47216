package dev.llmgateway.router.accounttype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaudeCodeOAuthTest {

    private static final String ID = ClaudeCodeOAuth.IDENTITY;
    private final ClaudeCodeOAuth type = ClaudeCodeOAuth.of(GatewayConfig.OAuthSettings.none());

    private static ObjectNode body(String json) {
        return (ObjectNode) tree(json);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Preparation prepare(Map<String, String> headers, ObjectNode body) {
        Preparation p = Preparation.of(headers, body, Optional.of("oauth-access-token"));
        type.prepare(p);
        return p;
    }

    @Test
    void prepare_sendsTheTokenAsBearer_neverAsXApiKey() {
        Preparation p = prepare(Map.of("x-api-key", "sk-ant-from-operator-headers", "anthropic-version", "2023-06-01"),
                body("{}"));

        assertEquals(Optional.of("Bearer oauth-access-token"), p.header("Authorization"));
        assertTrue(p.header("x-api-key").isEmpty());
        assertEquals(Optional.of("2023-06-01"), p.header("anthropic-version"));
    }

    @Test
    void prepare_addsTheOAuthBetaToTheClientsBetas_once() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-beta", "claude-code-20250219, interleaved-thinking-2025-05-14");

        Preparation p = prepare(headers, body("{}"));
        assertEquals(Optional.of("claude-code-20250219,interleaved-thinking-2025-05-14,oauth-2025-04-20"),
                p.header("anthropic-beta"));

        Preparation again = prepare(Map.of("anthropic-beta", "oauth-2025-04-20,context-management-2025-06-27"),
                body("{}"));
        assertEquals(Optional.of("oauth-2025-04-20,context-management-2025-06-27"), again.header("anthropic-beta"));
        assertEquals(Optional.of("oauth-2025-04-20"), prepare(Map.of(), body("{}")).header("anthropic-beta"));
    }

    @Test
    void systemPrompt_missing_becomesTheIdentityLine() {
        ObjectNode b = body("{\"messages\":[]}");
        prepare(Map.of(), b);
        assertEquals(tree("[{\"type\":\"text\",\"text\":\"" + ID + "\"}]"), b.get("system"));
    }

    @Test
    void systemPrompt_aString_getsTheIdentityLineAsItsOwnBlockFirst() {
        ObjectNode b = body("{\"system\":\"Be brief.\"}");
        prepare(Map.of(), b);
        assertEquals(tree("[{\"type\":\"text\",\"text\":\"" + ID + "\"},{\"type\":\"text\",\"text\":\"Be brief.\"}]"),
                b.get("system"));
    }

    @Test
    void systemPrompt_blocks_getTheIdentityLinePrepended_andKeepTheirCacheControl() {
        ObjectNode b = body("{\"system\":[{\"type\":\"text\",\"text\":\"Rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]}");
        prepare(Map.of(), b);
        assertEquals(tree("[{\"type\":\"text\",\"text\":\"" + ID + "\"},"
                + "{\"type\":\"text\",\"text\":\"Rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]"), b.get("system"));
    }

    @Test
    void systemPrompt_thatStartsWithTheIdentity_isLeftAlone_andPreparingTwiceAddsItOnce() {
        ObjectNode asString = body("{\"system\":\"" + ID + " Also be brief.\"}");
        ObjectNode copy = asString.deepCopy();
        prepare(Map.of(), asString);
        assertEquals(copy, asString);

        ObjectNode blocks = body("{\"system\":\"Be brief.\"}");
        prepare(Map.of(), blocks);
        prepare(Map.of(), blocks);
        assertEquals(2, blocks.get("system").size(), blocks.toString());
    }

    @Test
    void systemPrompt_asClaudeCodeSendsIt_billingBlockThenIdentity_isNotDuplicated() {
        String system = "[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.330; cc_entrypoint=sdk-cli;\"},"
                + "{\"type\":\"text\",\"text\":\"" + ID + "\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "{\"type\":\"text\",\"text\":\"main prompt\",\"cache_control\":{\"type\":\"ephemeral\"}}]";
        ObjectNode b = body("{\"system\":" + system + "}");
        prepare(Map.of(), b);
        assertEquals(tree(system), b.get("system"));
    }

    @Test
    void identityLine_isConfigurable() {
        GatewayConfig.OAuthSettings s = new GatewayConfig.OAuthSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("You are Test."));
        ObjectNode b = body("{\"system\":\"Be brief.\"}");
        Preparation p = Preparation.of(Map.of(), b, Optional.of("t"));
        ClaudeCodeOAuth.of(s).prepare(p);
        assertEquals("You are Test.", b.path("system").get(0).path("text").asText());
    }

    @Test
    void authorizationUrl_carriesPkceS256_stateAndClaudesParameters() {
        URI url = type.authorizationUrl("st4te", "ch4llenge");

        assertTrue(url.toString().startsWith("https://claude.ai/oauth/authorize?code=true&"), url.toString());
        String q = url.getRawQuery();
        assertTrue(q.contains("client_id=9d1c250a-e61b-44d9-88ed-5944d1962f5e"), q);
        assertTrue(q.contains("code_challenge=ch4llenge&code_challenge_method=S256&state=st4te"), q);
        assertTrue(q.contains("scope=org%3Acreate_api_key%20user%3Aprofile%20user%3Ainference"), q);
        assertTrue(q.contains("redirect_uri=https%3A%2F%2Fconsole.anthropic.com%2Foauth%2Fcode%2Fcallback"), q);
    }

    @Test
    void tokenRequests_areJson_withTheFieldsAnthropicExpects() {
        TokenRequest exchange = type.codeExchange("c0de", "v3rifier", "st4te");
        assertEquals("application/json", exchange.contentType());
        assertEquals(tree("{\"grant_type\":\"authorization_code\",\"code\":\"c0de\",\"state\":\"st4te\","
                + "\"client_id\":\"9d1c250a-e61b-44d9-88ed-5944d1962f5e\","
                + "\"redirect_uri\":\"https://console.anthropic.com/oauth/code/callback\",\"code_verifier\":\"v3rifier\"}"),
                tree(exchange.body()));
        assertEquals(tree("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"r\","
                + "\"client_id\":\"9d1c250a-e61b-44d9-88ed-5944d1962f5e\"}"), tree(type.refresh("r").body()));
        assertFalse(exchange.toString().contains("c0de"), "a token request never prints its secrets");
    }

    @Test
    void endpoints_comeFromTheSettings() {
        GatewayConfig.OAuthSettings s = new GatewayConfig.OAuthSettings(
                Optional.of(URI.create("http://127.0.0.1:1/authorize")), Optional.of(URI.create("http://127.0.0.1:1/t")),
                Optional.of("client-x"), Optional.empty(), Optional.of(List.of("a", "b")), Optional.empty(),
                Optional.empty());
        ClaudeCodeOAuth t = ClaudeCodeOAuth.of(s);
        assertEquals(URI.create("http://127.0.0.1:1/t"), t.client().tokenUri());
        assertTrue(t.authorizationUrl("s", "c").toString().startsWith("http://127.0.0.1:1/authorize?code=true&"
                + "client_id=client-x&"));
        assertEquals(ClaudeCodeOAuth.DEFAULTS.redirectUri(), t.client().redirectUri(), "unset keys keep the default");
    }

    @Test
    void revokedTokenAnsweredWith403_readsAs401() {
        assertEquals(401, type.effectiveStatus(403, "{\"error\":{\"message\":\"OAuth token has been revoked.\"}}"
                .getBytes()));
        assertEquals(403, type.effectiveStatus(403, "{\"error\":{\"message\":\"not allowed\"}}".getBytes()));
    }
}
