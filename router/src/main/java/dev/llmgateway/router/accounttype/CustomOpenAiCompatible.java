package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;

/**
 * Any other OpenAI-compatible endpoint (vLLM, Ollama, a company proxy): {@code Authorization:
 * Bearer <key>} when the account has a key; a keyless local endpoint gets no auth header at all.
 */
final class CustomOpenAiCompatible implements AccountType {

    static final String ID = "custom-openai-compatible";

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
        request.secret().filter(key -> !key.isBlank())
                .ifPresent(key -> request.header("authorization", "Bearer " + key));
    }
}
