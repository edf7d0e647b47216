package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.error.AuthenticationException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.security.keys.KeyRing;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates the client key, sent as {@code Authorization: Bearer <key>}, {@code x-api-key},
 * {@code x-goog-api-key} or (Gemini) the {@code key} query parameter.
 * Runs before the body is parsed, so unauthenticated callers cost nothing.
 */
public final class AuthenticateStage implements Stage<GatewayExchange> {

    private final KeyRing keys;

    public AuthenticateStage(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        // Gemini clients may send the key as ?key=… instead of a header.
        Optional<String> queryKey = Optional.ofNullable(exchange.decodeContext().query().get("key"));
        exchange.caller(authenticate(keys, name -> exchange.header(name)
                .or(() -> name.equals("x-goog-api-key") ? queryKey : Optional.empty())));
        chain.proceed(exchange);
    }

    /** The caller for the key in the headers; throws a 401 that says what was wrong. */
    public static ClientIdentity authenticate(KeyRing keys, Function<String, Optional<String>> header) {
        Optional<String> presented = presentedKey(header);
        if (presented.isEmpty()) {
            throw new AuthenticationException("Missing API key: send it as 'Authorization: Bearer <key>' "
                    + "or in the 'x-api-key' header.", null, "missing_api_key");
        }
        return keys.authenticate(presented.get()).orElseThrow(() -> new AuthenticationException(
                "Invalid API key.", null, "invalid_api_key"));
    }

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
