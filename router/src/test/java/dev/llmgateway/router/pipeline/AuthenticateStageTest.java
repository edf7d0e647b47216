package dev.llmgateway.router.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import dev.llmgateway.security.keys.KeyEntry;
import dev.llmgateway.security.keys.KeyRing;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AuthenticateStageTest {

    private static final String KEY_A = "lgw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String KEY_B = "lgw_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private static final KeyRing KEYS = new KeyRing(List.of(
            KeyEntry.fromPlainKey("team-a", KEY_A, List.of("openai/*")),
            KeyEntry.fromPlainKey("team-b", KEY_B, List.of())));

    /** Headers looked up case-insensitively, as the web server does. */
    private static Function<String, Optional<String>> headers(String... nameValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i].toLowerCase(Locale.ROOT), nameValues[i + 1]);
        }
        return name -> Optional.ofNullable(map.get(name.toLowerCase(Locale.ROOT)));
    }

    // --- presentedKey ---------------------------------------------------------------------------

    @Test
    void presentedKey_bearer_isTheKey() {
        assertEquals(Optional.of("k1"), ClientAuth.presentedKey(headers("Authorization", "Bearer k1")));
    }

    @Test
    void presentedKey_bearerInAnyCase_isTheKey() {
        assertEquals(Optional.of("k1"), ClientAuth.presentedKey(headers("Authorization", "bearer k1")));
        assertEquals(Optional.of("k1"), ClientAuth.presentedKey(headers("Authorization", "BEARER k1")));
        assertEquals(Optional.of("k1"), ClientAuth.presentedKey(headers("Authorization", "  Bearer   k1  ")));
    }

    @Test
    void presentedKey_xApiKey_isTheKey() {
        assertEquals(Optional.of("k2"), ClientAuth.presentedKey(headers("x-api-key", " k2 ")));
    }

    @Test
    void presentedKey_bothHeaders_prefersAuthorization() {
        assertEquals(Optional.of("k1"), ClientAuth.presentedKey(headers("Authorization", "Bearer k1",
                "x-api-key", "k2")));
    }

    @Test
    void presentedKey_nonBearerAuthorization_fallsBackToXApiKey() {
        assertEquals(Optional.of("k2"), ClientAuth.presentedKey(headers("Authorization", "Basic dXNlcjpwYXNz",
                "x-api-key", "k2")));
        assertEquals(Optional.empty(), ClientAuth.presentedKey(headers("Authorization", "Basic dXNlcjpwYXNz")));
    }

    @Test
    void presentedKey_emptyBearer_fallsBackToXApiKey() {
        assertEquals(Optional.of("k2"), ClientAuth.presentedKey(headers("Authorization", "Bearer ",
                "x-api-key", "k2")));
        assertEquals(Optional.empty(), ClientAuth.presentedKey(headers("Authorization", "Bearer    ")));
    }

    @Test
    void presentedKey_bearerWithoutSpace_isNotAKey() {
        assertEquals(Optional.empty(), ClientAuth.presentedKey(headers("Authorization", "Bearerk1")));
    }

    @Test
    void presentedKey_xGoogApiKey_isTheKey() {
        assertEquals(Optional.of("k3"), ClientAuth.presentedKey(headers("x-goog-api-key", "k3")));
    }

    @Test
    void presentedKey_xApiKeyAndXGoogApiKey_prefersXApiKey() {
        assertEquals(Optional.of("k2"), ClientAuth.presentedKey(headers("x-api-key", "k2",
                "x-goog-api-key", "k3")));
    }

    @Test
    void presentedKey_blankXApiKey_isEmpty() {
        assertEquals(Optional.empty(), ClientAuth.presentedKey(headers("x-api-key", "   ")));
    }

    @Test
    void presentedKey_noHeaders_isEmpty() {
        assertEquals(Optional.empty(), ClientAuth.presentedKey(headers()));
    }

    // --- authenticate ---------------------------------------------------------------------------

    private static ClientIdentity authenticate(KeyRing keys, Function<String, Optional<String>> headers) {
        return ClientAuth.configOnly(keys).authenticate(headers, InetAddress.getLoopbackAddress(), Permission.READ_WRITE);
    }

    @Test
    void authenticate_validBearerKey_givesThatCaller() {
        ClientIdentity caller = authenticate(KEYS, headers("Authorization", "Bearer " + KEY_A));
        assertEquals("team-a", caller.name());
        assertEquals(List.of("openai/*"), caller.allowedModels());
        assertFalse(caller.keyId().contains(KEY_A), caller.keyId());
    }

    @Test
    void authenticate_validXApiKey_givesThatCaller() {
        assertEquals("team-b", authenticate(KEYS, headers("x-api-key", KEY_B)).name());
    }

    @Test
    void authenticate_missingKey_throwsMissingApiKey() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticate(KEYS, headers()));
        assertEquals(Optional.of("missing_api_key"), e.code());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    }

    @Test
    void authenticate_wrongKey_throwsInvalidApiKeyWithoutEchoingIt() {
        String wrong = "lgw_WRONGWRONGWRONGWRONGWRONGWRONGWRONGWRONG";
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticate(KEYS, headers("Authorization", "Bearer " + wrong)));
        assertEquals(Optional.of("invalid_api_key"), e.code());
        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void authenticate_validKeyInOtherCase_isInvalid() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticate(KEYS, headers("x-api-key", KEY_A.toLowerCase(Locale.ROOT))));
        assertEquals(Optional.of("invalid_api_key"), e.code());
    }

    @Test
    void authenticate_emptyKeyRing_rejectsEveryKey() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticate(new KeyRing(List.of()), headers("x-api-key", KEY_A)));
        assertEquals(Optional.of("invalid_api_key"), e.code());
    }

    // --- as a stage ----------------------------------------------------------------------------

    private static GatewayExchange exchange(Function<String, Optional<String>> headers) {
        return exchange(headers, DecodeContext.none());
    }

    private static GatewayExchange exchange(Function<String, Optional<String>> headers, DecodeContext context) {
        ResponseWriter writer = new ResponseWriter() {
            @Override
            public void json(int status, byte[] body, Map<String, String> h) {
                throw new AssertionError("the stage must not answer by itself");
            }

            @Override
            public StreamWriter beginStream(Map<String, String> h) {
                throw new AssertionError("the stage must not answer by itself");
            }
        };
        return new GatewayExchange("req-1", new OpenAiChatCodec(), headers, new byte[0], context,
                Deadline.after(Duration.ofHours(1)), writer, InetAddress.getLoopbackAddress());
    }

    @Test
    void handle_validKey_setsCallerAndProceeds() {
        List<String> reached = new ArrayList<>();
        Stage<GatewayExchange> next = (ex, chain) -> reached.add(ex.caller().orElseThrow().name());
        GatewayExchange exchange = exchange(headers("Authorization", "Bearer " + KEY_B));
        Chain.start(List.of(new AuthenticateStage(ClientAuth.configOnly(KEYS)), next), exchange);
        assertEquals(List.of("team-b"), reached);
    }

    @Test
    void handle_missingKey_throwsAndDoesNotProceed() {
        List<String> reached = new ArrayList<>();
        Stage<GatewayExchange> next = (ex, chain) -> reached.add("next");
        GatewayExchange exchange = exchange(headers());
        assertThrows(AuthenticationException.class,
                () -> Chain.start(List.of(new AuthenticateStage(ClientAuth.configOnly(KEYS)), next), exchange));
        assertTrue(reached.isEmpty());
        assertEquals(Optional.empty(), exchange.caller());
    }

    @Test
    void handle_keyInQueryParameter_isAccepted() {
        List<String> reached = new ArrayList<>();
        Stage<GatewayExchange> next = (ex, chain) -> reached.add(ex.caller().orElseThrow().name());
        GatewayExchange exchange = exchange(headers(), new DecodeContext(Optional.empty(), false, Map.of("key", KEY_A)));
        Chain.start(List.of(new AuthenticateStage(ClientAuth.configOnly(KEYS)), next), exchange);
        assertEquals(List.of("team-a"), reached);
    }

    @Test
    void handle_headerAndQueryKey_prefersHeader() {
        GatewayExchange exchange = exchange(headers("Authorization", "Bearer " + KEY_B),
                new DecodeContext(Optional.empty(), false, Map.of("key", KEY_A)));
        Chain.start(List.of(new AuthenticateStage(ClientAuth.configOnly(KEYS))), exchange);
        assertEquals("team-b", exchange.caller().orElseThrow().name());
    }

    @Test
    void handle_wrongQueryKey_isInvalid() {
        GatewayExchange exchange = exchange(headers(), new DecodeContext(Optional.empty(), false, Map.of("key", "nope")));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> Chain.start(List.of(new AuthenticateStage(ClientAuth.configOnly(KEYS))), exchange));
        assertEquals(Optional.of("invalid_api_key"), e.code());
    }
}
