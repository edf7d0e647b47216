package dev.llmgateway.tenancy.audit;

import dev.llmgateway.tenancy.Actor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin action to record: who (the actor, with its address), what ({@code action} on a target),
 * in which organization, and the change ({@code details}: field → value, or field → {from, to}).
 * Never put a secret in the details. Build with {@link #of} and the {@code with…} methods.
 */
public final class AuditEntry {

    private final Actor actor;
    private final String action;
    private final String targetType;
    private final String targetId;
    private final String orgId;
    private final Map<String, Object> details;

    private AuditEntry(Actor actor, String action, String targetType, String targetId, String orgId,
                       Map<String, Object> details) {
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.targetType = Objects.requireNonNull(targetType);
        this.targetId = targetId;
        this.orgId = orgId;
        this.details = details;
    }

    /** {@code action} such as {@code org.create}, {@code key.rotate}; target such as ("key", "key_…"). */
    public static AuditEntry of(Actor actor, String action, String targetType, String targetId) {
        return new AuditEntry(actor, action, targetType, targetId, null, Map.of());
    }

    /** The organization the action belongs to (what an organization's admins may later read). */
    public AuditEntry inOrg(String org) {
        return new AuditEntry(actor, action, targetType, targetId, org, details);
    }

    /** Adds a detail; values are strings, numbers, booleans, lists or maps of those. */
    public AuditEntry with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new AuditEntry(actor, action, targetType, targetId, orgId, d);
    }

    /** Adds {@code key: {from, to}} when the value changed. */
    public AuditEntry changed(String key, Object from, Object to) {
        if (Objects.equals(from, to)) {
            return this;
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return with(key, change);
    }

    public Actor actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public Optional<String> targetId() {
        return Optional.ofNullable(targetId);
    }

    public Optional<String> orgId() {
        return Optional.ofNullable(orgId);
    }

    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }
}
