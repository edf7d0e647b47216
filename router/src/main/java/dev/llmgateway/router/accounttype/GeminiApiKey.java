package dev.llmgateway.router.accounttype;

import dev.llmgateway.router.config.GatewayConfig;
import java.nio.charset.StandardCharsets;

/**
 * A Gemini API key: {@code x-goog-api-key: <key>} (never in the query string, where it would end up
 * in logs). Google answers a bad key with {@code 400 API_KEY_INVALID}; that is the gateway's
 * credential, not the client's request, so it reads as a 401.
 */
final class GeminiApiKey implements AccountType {

    static final String ID = "gemini-api-key";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GatewayConfig.ProviderType provider() {
        return GatewayConfig.ProviderType.GEMINI;
    }

    @Override
    public void prepare(Preparation request) {
        request.secret().ifPresent(key -> request.header("x-goog-api-key", key));
    }

    @Override
    public int effectiveStatus(int status, byte[] body) {
        return status == 400 && new String(body, StandardCharsets.UTF_8).contains("API_KEY_INVALID") ? 401 : status;
    }
}
