package dev.llmgateway.core.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a client API key may call (the table is in docs/tenancy.md):
 * {@code READ_ONLY} lists models, counts tokens and explains routing; {@code READ_WRITE} also runs
 * inference; {@code ADMIN} also uses the admin API for its own organization.
 */
public enum Permission {
    READ_ONLY, READ_WRITE, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> parse(String text) {
        for (Permission p : values()) {
            if (p.wire().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True when this permission includes everything {@code needed} allows. */
    public boolean includes(Permission needed) {
        return ordinal() >= needed.ordinal();
    }
}
