package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.ActorResolver;
import dev.llmgateway.tenancy.TenancyException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Lets a client key with the {@code admin} permission use the admin API as an admin of its own
 * organization. Keys that are not {@code lgw_} keys, or that no organization has, are not this
 * resolver's: it answers empty and the admin API reports an invalid credential. A known key that is
 * refused (expired, disabled, wrong network…) or lacks the permission is answered with its own
 * 401 or 403 code. Thread-safe.
 */
public final class KeyActorResolver implements ActorResolver {

    private final KeyValidator validator;

    public KeyActorResolver(KeyValidator validator) {
        this.validator = validator;
    }

    /** Without the caller's address only keys without network restrictions pass. */
    @Override
    public Optional<Actor> resolve(String credential) {
        return resolve(credential, anyLocal());
    }

    @Override
    public Optional<Actor> resolve(String credential, InetAddress from) {
        if (!credential.startsWith(ApiKeys.PREFIX)) {
            return Optional.empty();
        }
        return switch (validator.check(credential, from)) {
            case KeyCheck.Refused r when r.reason() == Refusal.UNKNOWN -> Optional.empty();
            case KeyCheck.Refused r -> throw new TenancyException(r.reason().status() == 401
                    ? TenancyException.Kind.UNAUTHENTICATED : TenancyException.Kind.FORBIDDEN,
                    r.reason().code(), r.message(), null);
            case KeyCheck.Accepted a when a.caller().permission() != Permission.ADMIN ->
                    throw new TenancyException(TenancyException.Kind.FORBIDDEN, "key_not_admin", "This API key has the '"
                            + a.caller().permission().wire() + "' permission; the admin API needs a key with the "
                            + "'admin' permission.", null);
            case KeyCheck.Accepted a -> Optional.of(Actor.apiKey(a.key().id(), a.key().orgId()));
        };
    }

    /** 0.0.0.0: matches no network but 0.0.0.0/0, which allows everything anyway. */
    private static InetAddress anyLocal() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are an address", e);
        }
    }
}
