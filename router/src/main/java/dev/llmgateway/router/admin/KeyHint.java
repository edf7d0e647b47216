package dev.llmgateway.router.admin;

import java.util.List;

/**
 * The most of an upstream secret the admin API ever shows: a vendor's public prefix and the last
 * four characters ({@code sk-…3f2a}), enough to tell two keys apart. Short secrets show nothing.
 */
final class KeyHint {

    /** Published key prefixes (they identify the vendor, not the key); longest first. */
    private static final List<String> PUBLIC_PREFIXES = List.of("sk-proj-", "sk-ant-", "sk-or-", "sk-", "AIza", "lgw_");
    /** Below this length, four characters would be too large a share of the secret. */
    private static final int MIN_LENGTH = 16;

    private KeyHint() {
    }

    static String of(String secret) {
        if (secret.length() < MIN_LENGTH) {
            return "****";
        }
        String prefix = PUBLIC_PREFIXES.stream().filter(secret::startsWith).findFirst().orElse("");
        return prefix + "…" + secret.substring(secret.length() - 4);
    }
}
