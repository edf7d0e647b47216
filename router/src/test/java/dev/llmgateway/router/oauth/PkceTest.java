package dev.llmgateway.router.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challenge_ofTheRfc7636AppendixBVerifier_isItsS256Value() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void generate_gives43UrlSafeCharacters_andItsOwnChallenge_freshEachTime() {
        Pkce one = Pkce.generate();
        Pkce two = Pkce.generate();

        assertEquals(43, one.verifier().length());
        assertTrue(one.verifier().matches("[A-Za-z0-9_-]+"), one.verifier());
        assertEquals(Pkce.challenge(one.verifier()), one.challenge());
        assertNotEquals(one.verifier(), two.verifier());
        assertTrue(!one.toString().contains(one.verifier()), "the verifier never prints");
    }
}
