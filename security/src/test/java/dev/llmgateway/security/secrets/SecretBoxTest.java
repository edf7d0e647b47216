package dev.llmgateway.security.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String SECRET = "sk-ant-api03-very-secret-value";

    private static SecretBox box() {
        return new SecretBox(MasterKeys.parse(MasterKeys.generate(), "test"));
    }

    @Test
    void sealThenOpen_roundTrips_andEachSealIsDifferent() {
        SecretBox box = box();
        String a = box.seal(SECRET, "anthropic/main");
        String b = box.seal(SECRET, "anthropic/main");
        assertTrue(a.startsWith("v1:"));
        assertNotEquals(a, b, "a fresh nonce per seal");
        assertFalse(a.contains("very-secret"));
        assertEquals(SECRET, box.open(a, "anthropic/main"));
    }

    @Test
    void open_otherContextOtherKeyOrAlteredValue_isRefusedWithoutEchoingIt() {
        SecretBox box = box();
        String sealed = box.seal(SECRET, "anthropic/main");
        assertThrows(SecretException.class, () -> box.open(sealed, "anthropic/other"), "moved to another account");
        SecretException wrongKey = assertThrows(SecretException.class, () -> box().open(sealed, "anthropic/main"));
        assertTrue(wrongKey.getMessage().contains("master key"));
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        SecretException e = assertThrows(SecretException.class, () -> box.open(altered, "anthropic/main"));
        assertFalse(e.getMessage().contains(altered));
        assertThrows(SecretException.class, () -> box.open("plaintext", "x"));
        assertThrows(SecretException.class, () -> box.open("v1:!!", "x"));
    }

    @Test
    void masterKey_badTextOrLength_isRefusedWithoutEchoingIt() {
        SecretException e = assertThrows(SecretException.class, () -> MasterKeys.parse("not base64 at all!", "X"));
        assertFalse(e.getMessage().contains("not base64 at all"));
        assertThrows(SecretException.class, () -> MasterKeys.parse(Base64.getEncoder().encodeToString(new byte[16]), "X"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }

    @Test
    void resolve_productionWithoutKey_isRefused_developmentCreatesAnOwnerOnlyKeyOnce(@TempDir Path dir) throws Exception {
        SecretException e = assertThrows(SecretException.class,
                () -> MasterKeys.resolve(Optional.empty(), Optional.empty(), true, dir));
        assertTrue(e.getMessage().contains("LLMGW_MASTER_KEY"));
        assertFalse(Files.exists(dir.resolve(MasterKeys.DEV_FILE)));

        SecretBox first = MasterKeys.resolve(Optional.empty(), Optional.empty(), false, dir);
        Path file = dir.resolve(MasterKeys.DEV_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SecretBox again = MasterKeys.resolve(Optional.empty(), Optional.empty(), false, dir);
        assertEquals(first.fingerprint(), again.fingerprint());
        assertEquals(SECRET, again.open(first.seal(SECRET, "a"), "a"));

        String text = MasterKeys.generate();
        SecretBox fromEnv = MasterKeys.resolve(Optional.of(text), Optional.empty(), true, dir);
        Path keyFile = dir.resolve("prod.key");
        Files.writeString(keyFile, text + "\n");
        assertEquals(fromEnv.fingerprint(), MasterKeys.resolve(Optional.empty(), Optional.of(keyFile), true, dir)
                .fingerprint());
    }
}
