package dev.llmgateway.router.provider;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.UpstreamCall;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.util.Optional;

/** The secret an adapter sends: the chosen account's, else the provider's configured key. */
public final class Credentials {

    private Credentials() {
    }

    public static Optional<String> forCall(UpstreamCall call, GatewayConfig.Provider provider) {
        return call.credential().map(Credential::value).or(() -> provider.apiKey().map(Secret::value));
    }
}
