package dev.llmgateway.tenancy;

import java.util.Locale;
import java.util.Optional;

/**
 * What an actor may do in the admin API. Ordered from most to least powerful; see
 * docs/tenancy.md for the table of who may call what.
 */
public enum Role {
    /** Operates the gateway: every organization, creating and deleting organizations. */
    PLATFORM_ADMIN,
    /** Everything inside the organization, including its owners and admins. */
    OWNER,
    /** Manages the organization's teams, members, keys and limits; cannot change owners. */
    ADMIN,
    /** Reads the organization and manages keys it created itself. */
    MEMBER,
    /** Reads the organization. */
    VIEWER;

    /** The lower-case name used in JSON and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** True when this role is at least as powerful as {@code other}. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
