package dev.llmgateway.router.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.security.keys.KeyEntry;
import dev.llmgateway.security.keys.KeyRing;
import dev.llmgateway.tenancy.key.ClientKey;
import dev.llmgateway.tenancy.key.KeyCheck;
import dev.llmgateway.tenancy.key.KeySettings;
import dev.llmgateway.tenancy.key.Refusal;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Configured keys first, then the database's, with each refusal as the right core exception. */
class ClientAuthTest {

    private static final String CONFIG_KEY = "lgw_CONFIGCONFIGCONFIGCONFIGCONFIGCONFIG0000";
    private static final String DB_KEY = "lgw_DATABASEDATABASEDATABASEDATABASEDATABA";
    private static final InetAddress FROM = InetAddress.getLoopbackAddress();
    private static final KeyRing RING = new KeyRing(List.of(KeyEntry.fromPlainKey("config", CONFIG_KEY, List.of())));

    /** Asked keys, for checking what reaches the database. */
    private final List<String> asked = new ArrayList<>();

    private ClientAuth auth(KeyCheck answer) {
        return new ClientAuth(RING, (key, from) -> {
            asked.add(key);
            return answer;
        });
    }

    private static Function<String, Optional<String>> bearer(String key) {
        return name -> Optional.ofNullable(Map.of("authorization", "Bearer " + key).get(name));
    }

    private static KeyCheck accepted(Permission p) {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        ClientKey key = new ClientKey("key_1", "org_a", "lgw_DATABASE…", KeySettings.named("db key").withPermission(p),
                true, "usr_1", t, t, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return new KeyCheck.Accepted(key, key.identity());
    }

    @Test
    void configuredKey_neverReachesTheDatabase() {
        ClientIdentity caller = auth(accepted(Permission.ADMIN)).authenticate(bearer(CONFIG_KEY), FROM,
                Permission.READ_WRITE);
        assertEquals("config", caller.name());
        assertEquals(List.of(), asked);
    }

    @Test
    void databaseKey_isTheDatabasesCaller() {
        ClientIdentity caller = auth(accepted(Permission.READ_WRITE)).authenticate(bearer(DB_KEY), FROM,
                Permission.READ_WRITE);
        assertEquals("org_a", caller.tenant().orgId());
        assertEquals(List.of(DB_KEY), asked);
    }

    @Test
    void keyWithoutLgwPrefix_isInvalidWithoutAskingTheDatabase() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> auth(accepted(Permission.ADMIN)).authenticate(bearer("sk-something"), FROM, Permission.READ_ONLY));
        assertEquals(Optional.of("invalid_api_key"), e.code());
        assertEquals(List.of(), asked);
    }

    @Test
    void readOnlyKey_onInference_is403InsufficientPermission() {
        ClientAuth auth = auth(accepted(Permission.READ_ONLY));
        assertEquals("db key", auth.authenticate(bearer(DB_KEY), FROM, Permission.READ_ONLY).name());
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> auth.authenticate(bearer(DB_KEY), FROM, Permission.READ_WRITE));
        assertEquals(Optional.of("insufficient_permission"), e.code());
        assertEquals(403, e.status());
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void refusal_becomesItsStatusAndCode_withoutTheKey(Refusal reason) {
        ClientAuth auth = auth(new KeyCheck.Refused(reason, reason.message()));
        GatewayException e = assertThrows(GatewayException.class,
                () -> auth.authenticate(bearer(DB_KEY), FROM, Permission.READ_ONLY));
        assertEquals(reason.status(), e.status());
        assertEquals(Optional.of(reason.code()), e.code());
        assertEquals(reason.status() == 401 ? AuthenticationException.class : PermissionDeniedException.class,
                e.getClass());
        assertFalse(e.getMessage().contains(DB_KEY));
    }
}
