package dev.llmgateway.tenancy;

import java.util.Optional;

/**
 * Turns a bearer credential presented to the admin API into an {@link Actor}. Implementations
 * recognise their own credential form (a session token, an admin-permission API key).
 * Thread-safe.
 */
public interface ActorResolver {

    /**
     * Empty when the credential is not of this resolver's form; the actor when it is valid; throws
     * a {@link TenancyException} of kind {@code UNAUTHENTICATED} (or {@code FORBIDDEN}) when it is of
     * this form but expired, revoked or without the needed permission.
     */
    Optional<Actor> resolve(String credential);

    /**
     * {@link #resolve(String)} for a caller at {@code from} (the TCP peer), for credentials that
     * are restricted to networks; by default the address is ignored.
     */
    default Optional<Actor> resolve(String credential, java.net.InetAddress from) {
        return resolve(credential);
    }
}
