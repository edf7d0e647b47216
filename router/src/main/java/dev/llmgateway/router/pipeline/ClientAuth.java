package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.security.keys.KeyRing;
import dev.llmgateway.tenancy.key.KeyCheck;
import dev.llmgateway.tenancy.key.KeyValidator;
import dev.llmgateway.tenancy.key.Refusal;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Who a client request comes from. The key is taken from {@code Authorization: Bearer <key>},
 * {@code x-api-key} or {@code x-goog-api-key}; the configured keys ({@code security.client-keys})
 * are tried first, then, for {@code lgw_} keys, the database keys of the organizations. Failures
 * are the core's 401/403 exceptions, so every endpoint answers them in its own dialect; no message
 * ever repeats the key. Immutable and thread-safe.
 */
public final class ClientAuth {

    private final KeyRing keys;
    private final BiFunction<String, InetAddress, KeyCheck> database;

    /** {@code database} answers for {@code lgw_} keys the configuration does not hold. */
    ClientAuth(KeyRing keys, BiFunction<String, InetAddress, KeyCheck> database) {
        this.keys = keys;
        this.database = database;
    }

    /** Configured keys and, behind them, the database's keys. */
    public static ClientAuth of(KeyRing keys, KeyValidator validator) {
        return new ClientAuth(keys, validator::check);
    }

    /** Configured keys only (tests, tools without a database). */
    public static ClientAuth configOnly(KeyRing keys) {
        return new ClientAuth(keys, (k, from) -> new KeyCheck.Refused(Refusal.UNKNOWN, Refusal.UNKNOWN.message()));
    }

    /** How many keys the configuration holds (for the start-up line). */
    public int configuredKeys() {
        return keys.size();
    }

    /**
     * The caller for the key in the headers, coming from {@code from} (the TCP peer), when its key
     * has at least {@code needed}; throws a 401 or 403 that says what was wrong.
     */
    public ClientIdentity authenticate(Function<String, Optional<String>> header, InetAddress from,
                                       Permission needed) {
        Optional<String> presented = presentedKey(header);
        if (presented.isEmpty()) {
            throw new AuthenticationException("Missing API key: send it as 'Authorization: Bearer <key>' "
                    + "or in the 'x-api-key' header.", null, "missing_api_key");
        }
        ClientIdentity caller = keys.authenticate(presented.get()).orElseGet(() -> fromDatabase(presented.get(), from));
        if (!caller.permission().includes(needed)) {
            throw new PermissionDeniedException("This API key has the '" + caller.permission().wire()
                    + "' permission; this endpoint needs '" + needed.wire() + "' or higher (read_only keys may list "
                    + "models, count tokens and explain routing; read_write keys also run inference).", null,
                    "insufficient_permission");
        }
        return caller;
    }

    private ClientIdentity fromDatabase(String key, InetAddress from) {
        if (!key.startsWith(ApiKeys.PREFIX)) {
            throw refusal(Refusal.UNKNOWN, Refusal.UNKNOWN.message());
        }
        return switch (database.apply(key, from)) {
            case KeyCheck.Accepted a -> a.caller();
            case KeyCheck.Refused r -> throw refusal(r.reason(), r.message());
        };
    }

    private static GatewayException refusal(Refusal reason, String message) {
        return reason.status() == 401 ? new AuthenticationException(message, null, reason.code())
                : new PermissionDeniedException(message, null, reason.code());
    }

    /** The key as sent, from the first header that has one. */
    static Optional<String> presentedKey(Function<String, Optional<String>> header) {
        Optional<String> auth = header.apply("authorization");
        if (auth.isPresent()) {
            String value = auth.get().trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String key = value.substring(7).trim();
                if (!key.isEmpty()) {
                    return Optional.of(key);
                }
            }
        }
        return header.apply("x-api-key").or(() -> header.apply("x-goog-api-key"))
                .map(String::trim).filter(k -> !k.isEmpty());
    }
}
