package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;

/** An OpenAI API key: {@code Authorization: Bearer <key>}. */
final class OpenAiApiKey implements AccountType {

    static final String ID = "openai-api-key";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GatewayConfig.ProviderType provider() {
        return GatewayConfig.ProviderType.OPENAI;
    }

    @Override
    public void prepare(Preparation request) {
        request.secret().ifPresent(key -> request.header("authorization", "Bearer " + key));
    }
}
