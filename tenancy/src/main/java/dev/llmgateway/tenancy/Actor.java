package dev.llmgateway.tenancy;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the admin API (or the system itself), resolved from the request's credentials.
 * Every tenancy operation takes the actor and answers only with what it may see: data of another
 * organization is reported as not found, so its existence does not leak. Immutable.
 */
public final class Actor {

    /** How the actor proved who it is. */
    public enum Type {
        PLATFORM_ADMIN, USER, API_KEY, SYSTEM, ANONYMOUS;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Type type;
    private final String id;
    private final String orgId;
    private final Role role;
    private final String remoteAddress;

    private Actor(Type type, String id, String orgId, Role role, String remoteAddress) {
        this.type = Objects.requireNonNull(type);
        this.id = Objects.requireNonNull(id);
        this.orgId = orgId;
        this.role = Objects.requireNonNull(role);
        this.remoteAddress = remoteAddress;
    }

    /** The operator holding the gateway's admin key. */
    public static Actor platformAdmin(String id) {
        return new Actor(Type.PLATFORM_ADMIN, id, null, Role.PLATFORM_ADMIN, null);
    }

    /** A logged-in user; platform admins have no organization. */
    public static Actor user(String userId, Optional<String> orgId, Role role) {
        return new Actor(Type.USER, userId, orgId.orElse(null), role, null);
    }

    /** A client API key with the admin permission, acting as an admin of its organization. */
    public static Actor apiKey(String keyId, String orgId) {
        return new Actor(Type.API_KEY, keyId, Objects.requireNonNull(orgId), Role.ADMIN, null);
    }

    /** The gateway itself (bootstrap, background jobs). */
    public static Actor system() {
        return new Actor(Type.SYSTEM, "system", null, Role.PLATFORM_ADMIN, null);
    }

    /** A caller that has not authenticated (login, accepting an invitation): sees no organization. */
    public static Actor anonymous() {
        return new Actor(Type.ANONYMOUS, "anonymous", null, Role.VIEWER, null);
    }

    /** The same actor, noting the address the request came from (for the audit log). */
    public Actor from(String address) {
        return new Actor(type, id, orgId, role, address);
    }

    public Type type() {
        return type;
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    /** The organization the actor belongs to; empty for platform admins and the system. */
    public Optional<String> orgId() {
        return Optional.ofNullable(orgId);
    }

    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    public boolean platformWide() {
        return role == Role.PLATFORM_ADMIN;
    }

    /** True when the actor may see data of {@code org}. */
    public boolean canSee(String org) {
        return platformWide() || org.equals(orgId);
    }

    /**
     * Returns normally when the actor may act on {@code org} with at least {@code needed}; throws
     * not-found when it may not see the organization at all, forbidden when it may see but not act.
     */
    public void require(String org, Role needed, String what) {
        if (!canSee(org)) {
            throw TenancyException.notFound("organization", org);
        }
        if (!role.atLeast(needed)) {
            throw TenancyException.forbidden("Your role '" + role.wire() + "' may not " + what + "; it needs '"
                    + needed.wire() + "' or higher.");
        }
    }

    /** Throws forbidden unless the actor is a platform admin. */
    public void requirePlatform(String what) {
        if (!platformWide()) {
            throw TenancyException.forbidden("Only a platform admin may " + what + ".");
        }
    }

    /** {@code type:id}, as written to the audit log. */
    @Override
    public String toString() {
        return type.wire() + ":" + id;
    }
}
