package dev.llmgateway.router.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.ActorResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

    private static final String KEY = "lgw_admin_key_for_tests_0123456789";
    private final AdminAuth auth = new AdminAuth(Optional.of(ApiKeys.hash(KEY)));

    @Test
    void bearerOrApiKeyHeader_withTheAdminKey_passes() {
        assertDoesNotThrow(() -> auth.authenticate(Optional.of("Bearer " + KEY), Optional.empty()));
        assertDoesNotThrow(() -> auth.authenticate(Optional.of("bearer  " + KEY + " "), Optional.empty()));
        assertDoesNotThrow(() -> auth.authenticate(Optional.empty(), Optional.of(KEY)));
    }

    @Test
    void uppercaseConfiguredHash_stillMatches() {
        AdminAuth upper = new AdminAuth(Optional.of(ApiKeys.hash(KEY).toUpperCase().replace("SHA256:", "sha256:")));
        assertDoesNotThrow(() -> upper.authenticate(Optional.of("Bearer " + KEY), Optional.empty()));
    }

    @Test
    void missingKey_is401MissingAdminKey() {
        AdminError e = assertThrows(AdminError.class, () -> auth.authenticate(Optional.empty(), Optional.empty()));
        assertEquals(401, e.status());
        assertEquals("missing_admin_key", e.code());
        e = assertThrows(AdminError.class, () -> auth.authenticate(Optional.of("Basic abc"), Optional.of(" ")));
        assertEquals("missing_admin_key", e.code());
    }

    @Test
    void wrongKey_is401InvalidAdminKey_andTheErrorHasTheOneShape() {
        AdminError e = assertThrows(AdminError.class, () -> auth.authenticate(Optional.of("Bearer " + KEY + "x"), Optional.empty()));
        assertEquals(401, e.status());
        assertEquals("invalid_admin_key", e.body().path("error").path("code").asText());
        assertEquals("authentication_error", e.body().path("error").path("type").asText());
        assertEquals(3, e.body().path("error").size());
    }

    @Test
    void noConfiguredAdminKey_is403SayingSo() {
        AdminAuth off = new AdminAuth(Optional.empty());
        AdminError e = assertThrows(AdminError.class, () -> off.authenticate(Optional.of("Bearer " + KEY), Optional.empty()));
        assertEquals(403, e.status());
        assertEquals("admin_api_disabled", e.code());
        assertEquals(true, e.getMessage().contains("no admin key is configured"));
    }

    @Test
    void resolver_getsTheCallersAddress_andItsActorIsTheAnswer() throws Exception {
        InetAddress from = InetAddress.getByName("10.1.2.3");
        List<InetAddress> seen = new ArrayList<>();
        ActorResolver resolver = new ActorResolver() {
            @Override
            public Optional<Actor> resolve(String credential) {
                throw new AssertionError("the address-aware method must be used");
            }

            @Override
            public Optional<Actor> resolve(String credential, InetAddress address) {
                seen.add(address);
                return credential.equals("lgw_org_admin") ? Optional.of(Actor.apiKey("key_1", "org_a")) : Optional.empty();
            }
        };
        AdminAuth withResolver = new AdminAuth(Optional.of(ApiKeys.hash(KEY)), List.of(resolver));
        assertEquals("key_1", withResolver.authenticate(Optional.of("Bearer lgw_org_admin"), Optional.empty(), from).id());
        assertEquals(List.of(from), seen);
        assertEquals("invalid_admin_key", assertThrows(AdminError.class, () -> withResolver.authenticate(
                Optional.of("Bearer lgw_unknown"), Optional.empty(), from)).code());
    }

    @Test
    void noConfiguredAdminKey_butResolvers_unknownCredentialStillSaysNoAdminKey() {
        ActorResolver none = credential -> Optional.empty();
        AdminAuth resolversOnly = new AdminAuth(Optional.empty(), List.of(none));
        AdminError e = assertThrows(AdminError.class, () -> resolversOnly.authenticate(Optional.of("Bearer " + KEY),
                Optional.empty()));
        assertEquals(403, e.status());
        assertEquals("admin_api_disabled", e.code());
        assertEquals(true, e.getMessage().contains("no admin key is configured"));
    }
}
