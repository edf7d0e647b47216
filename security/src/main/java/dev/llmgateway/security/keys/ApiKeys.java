package dev.llmgateway.security.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Client API key format and hashing. Keys look like {@code lgw_} followed by 40 base62 characters
 * (238 bits of entropy); they are stored only as {@code sha256:<hex>} (a fast hash is enough for
 * random keys of this length, unlike passwords). The public id of a key is its first 12 characters.
 */
public final class ApiKeys {

    public static final String PREFIX = "lgw_";
    private static final String HASH_PREFIX = "sha256:";
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new random key. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** {@code sha256:<hex>} of the key. */
    public static String hash(String key) {
        return HASH_PREFIX + HexFormat.of().formatHex(digest(key));
    }

    /** The raw digest bytes of a stored {@code sha256:<hex>} hash; throws if malformed. */
    static byte[] parseHash(String stored) {
        if (!stored.startsWith(HASH_PREFIX) || stored.length() != HASH_PREFIX.length() + 64) {
            throw new IllegalArgumentException("a key hash must look like sha256:<64 hex digits>");
        }
        return HexFormat.of().parseHex(stored.substring(HASH_PREFIX.length()));
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The part of a key that may be shown again: its first 12 characters and an ellipsis. */
    public static String publicId(String key) {
        return key.length() <= 12 ? "****" : key.substring(0, 12) + "…";
    }
}
