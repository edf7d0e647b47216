package dev.llmgateway.tenancy.user;

import dev.llmgateway.security.keys.ApiKeys;
import java.security.SecureRandom;

/** Random bearer tokens (sessions {@code lgws_}, invitations {@code lgwi_}); only their SHA-256 is stored. */
final class Tokens {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String next(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    static String hash(String token) {
        return ApiKeys.hash(token);
    }
}
