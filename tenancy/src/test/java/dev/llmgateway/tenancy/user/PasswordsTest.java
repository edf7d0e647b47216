package dev.llmgateway.tenancy.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.tenancy.TenancyException;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hash_isArgon2idPhc_saltedEachTime_andVerifies() {
        String a = Passwords.hash("correct horse battery");
        String b = Passwords.hash("correct horse battery");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b);
        assertTrue(Passwords.verify("correct horse battery", a));
        assertFalse(Passwords.verify("correct horse batterY", a));
        assertFalse(Passwords.verify("correct horse battery", "plain"));
        assertFalse(Passwords.verify("correct horse battery", null));
    }

    @Test
    void verify_malformedOrAbsurdStoredValues_areFalseNotErrors() {
        String good = Passwords.hash("correct horse battery");
        assertFalse(Passwords.verify("x", "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAA"));
        assertFalse(Passwords.verify("correct horse battery", good.replace("m=19456", "m=99999999")));
        assertTrue(Passwords.verify("correct horse battery", good));
    }

    @Test
    void strength_tooShortOrTooLong_is400NamingTheField() {
        TenancyException e = assertThrows(TenancyException.class, () -> Passwords.checkStrength("short", "password"));
        assertEquals(400, e.status());
        assertEquals("password", e.param().orElseThrow());
        assertThrows(TenancyException.class, () -> Passwords.checkStrength("x".repeat(257), "password"));
        Passwords.checkStrength("twelve chars", "password");
    }
}
