package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;

/**
 * An OpenRouter key: {@code Authorization: Bearer <key>}. OpenRouter answers 402 when the key's
 * credits are used up; that says nothing about the request and everything about the account, so it
 * is read like a rate limit (the account cools down, the request fails over) instead of being
 * passed to the client as its own mistake.
 */
final class OpenRouterKey implements AccountType {

    static final String ID = "openrouter-key";
    static final String HOST = "openrouter.ai";

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

    @Override
    public int effectiveStatus(int status, byte[] body) {
        return status == 402 ? 429 : status;
    }
}
