package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import java.util.Optional;

/**
 * Authenticates the client key of an inference request, sent as {@code Authorization: Bearer <key>},
 * {@code x-api-key}, {@code x-goog-api-key} or (Gemini) the {@code key} query parameter; the key
 * needs the {@code read_write} permission. Runs before the body is parsed, so unauthenticated
 * callers cost nothing.
 */
public final class AuthenticateStage implements Stage<GatewayExchange> {

    private final ClientAuth auth;

    public AuthenticateStage(ClientAuth auth) {
        this.auth = auth;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        // Gemini clients may send the key as ?key=… instead of a header.
        Optional<String> queryKey = Optional.ofNullable(exchange.decodeContext().query().get("key"));
        exchange.caller(auth.authenticate(name -> exchange.header(name)
                        .or(() -> name.equals("x-goog-api-key") ? queryKey : Optional.empty()),
                exchange.clientAddress(), Permission.READ_WRITE));
        chain.proceed(exchange);
    }
}
