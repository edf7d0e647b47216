package dev.llmgateway.tenancy;

import java.security.SecureRandom;

/** Public ids such as {@code org_5k2x9q…}: a type prefix and 20 random lower-case base32 characters. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length() + 21).append(prefix).append('_');
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
