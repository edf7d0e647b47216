package dev.llmgateway.security.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.auth.ClientIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void authenticate_knownKey_returnsIdentityWithoutSecret() {
        String key = ApiKeys.generate();
        KeyRing ring = new KeyRing(List.of(
                KeyEntry.fromPlainKey("other", ApiKeys.generate(), List.of()),
                KeyEntry.fromPlainKey("team-a", key, List.of("openai/*"))));

        ClientIdentity id = ring.authenticate(key).orElseThrow();

        assertEquals("team-a", id.name());
        assertFalse(id.keyId().contains(key.substring(12)), "the public id must not carry the secret part");
        assertTrue(id.mayUse("openai/gpt-4o"));
        assertFalse(id.mayUse("anthropic/claude"));
    }

    @Test
    void authenticate_keyOfAnOrganizationWithLimits_identityCarriesBoth() {
        String key = ApiKeys.generate();
        ClientIdentity.RateLimits limits = new ClientIdentity.RateLimits(60, 10_000, 2);
        KeyRing ring = new KeyRing(List.of(KeyEntry.fromPlainKey("a", key, List.of()).inOrg("org_x").withLimits(limits)));

        ClientIdentity id = ring.authenticate(key).orElseThrow();

        assertEquals(new ClientIdentity.Tenant("org_x", ""), id.tenant());
        assertEquals(limits, id.limits());
        assertEquals(ClientIdentity.Tenant.NONE, new KeyRing(List.of(KeyEntry.fromPlainKey("b", key, List.of())))
                .authenticate(key).orElseThrow().tenant());
    }

    @Test
    void authenticate_unknownOrEmptyKey_returnsEmpty() {
        KeyRing ring = new KeyRing(List.of(KeyEntry.fromPlainKey("a", ApiKeys.generate(), List.of())));

        assertTrue(ring.authenticate(ApiKeys.generate()).isEmpty());
        assertTrue(ring.authenticate("").isEmpty());
        assertTrue(ring.authenticate(null).isEmpty());
    }

    @Test
    void hash_isStableAndPrefixed() {
        assertEquals(ApiKeys.hash("abc"), ApiKeys.hash("abc"));
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    }

    @Test
    void keyEntry_malformedHash_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KeyEntry("x", "md5:abc", "id", List.of()));
    }

    @Test
    void generate_hasPrefixAndLength() {
        String key = ApiKeys.generate();
        assertTrue(key.startsWith("lgw_"));
        assertEquals(44, key.length());
    }
}
