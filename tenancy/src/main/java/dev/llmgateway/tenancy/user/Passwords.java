package dev.llmgateway.tenancy.user;

import dev.llmgateway.tenancy.TenancyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane), stored as a PHC
 * string {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Verification reads the parameters
 * from the stored string, so they can be raised later without breaking old hashes. Thread-safe.
 */
public final class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {
    }

    /** Throws a 400 naming {@code field} unless the password is long enough and not absurdly long. */
    public static void checkStrength(String password, String field) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw TenancyException.invalid(field, "'" + field + "' must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters.");
        }
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, LANES, 32);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code stored}; compared in constant time. */
    public static boolean verify(String password, String stored) {
        Matcher m = PHC.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        long memory = Long.parseLong(m.group(1));
        if (salt.length < 8 || expected.length < 16 || memory < 8 || memory > 1 << 21
                || Long.parseLong(m.group(2)) > 10 || Long.parseLong(m.group(3)) > 16) {
            return false; // not a hash this code wrote, nor one worth the work
        }
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one verification, so an unknown user cannot be told from a wrong password. */
    static void burn(String password) {
        derive(password, new byte[16], MEMORY_KIB, ITERATIONS, LANES, 32);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(lanes).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
