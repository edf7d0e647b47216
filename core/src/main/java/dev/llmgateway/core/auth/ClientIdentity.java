package dev.llmgateway.core.auth;

import java.util.List;
import java.util.Objects;

/**
 * The authenticated caller: a key's public id (a prefix or the key's id, never the secret), its
 * name, the model patterns it may use ({@code *} matches any run of characters; an empty list
 * allows all), its permission, the tenant it belongs to and its own rate limits.
 */
public record ClientIdentity(String keyId, String name, List<String> allowedModels, Permission permission,
                             Tenant tenant, RateLimits limits) {

    /**
     * The organization and team a key belongs to, and the user it acts for (the user who created
     * it); empty strings where there is none. Keys from the configuration file belong to no
     * organization.
     */
    public record Tenant(String orgId, String teamId, String userId) {

        public static final Tenant NONE = new Tenant("", "", "");

        public Tenant {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(userId, "userId");
        }

        /** A tenant with no user. */
        public Tenant(String orgId, String teamId) {
            this(orgId, teamId, "");
        }

        public boolean hasUser() {
            return !userId.isEmpty();
        }

        public boolean hasOrg() {
            return !orgId.isEmpty();
        }

        public boolean hasTeam() {
            return !teamId.isEmpty();
        }
    }

    /** A key's own limits; 0 means no limit. */
    public record RateLimits(int requestsPerMinute, long tokensPerMinute, int maxConcurrency) {

        public static final RateLimits NONE = new RateLimits(0, 0, 0);

        public boolean any() {
            return requestsPerMinute > 0 || tokensPerMinute > 0 || maxConcurrency > 0;
        }
    }

    public ClientIdentity {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(limits, "limits");
        allowedModels = List.copyOf(allowedModels);
    }

    /** A read-write key from the configuration file: no organization, no limits of its own. */
    public ClientIdentity(String keyId, String name, List<String> allowedModels) {
        this(keyId, name, allowedModels, Permission.READ_WRITE, Tenant.NONE, RateLimits.NONE);
    }

    /** True when any of {@code ids} (for example the alias and the resolved provider/model) is allowed. */
    public boolean mayUse(String... ids) {
        if (allowedModels.isEmpty()) {
            return true;
        }
        for (String pattern : allowedModels) {
            for (String id : ids) {
                if (Glob.matches(pattern, id)) {
                    return true;
                }
            }
        }
        return false;
    }
}
