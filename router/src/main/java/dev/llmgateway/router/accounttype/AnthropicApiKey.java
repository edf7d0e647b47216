package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;

/** An Anthropic API key: {@code x-api-key: <key>}. */
final class AnthropicApiKey implements AccountType {

    static final String ID = "anthropic-api-key";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GatewayConfig.ProviderType provider() {
        return GatewayConfig.ProviderType.ANTHROPIC;
    }

    @Override
    public void prepare(Preparation request) {
        request.secret().ifPresent(key -> request.header("x-api-key", key));
    }
}
