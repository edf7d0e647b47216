package dev.llmgateway.tenancy.quota;

import java.util.Locale;
import java.util.Objects;

/** Whose limits: an organization's (all its keys together) or one client key's. */
public record Scope(Type type, String id) {

    /** The kind of owner; {@code quotas.scope_type} holds {@link #wire()}. */
    public enum Type {
        ORG("organization"), KEY("key");

        private final String noun;

        Type(String noun) {
            this.noun = noun;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Scope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a scope needs an id");
        }
    }

    public static Scope org(String orgId) {
        return new Scope(Type.ORG, orgId);
    }

    public static Scope key(String keyId) {
        return new Scope(Type.KEY, keyId);
    }

    /** {@code organization org_x} or {@code key key_y}, for messages. */
    public String describe() {
        return type.noun + " " + id;
    }
}
