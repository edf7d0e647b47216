package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.config.GatewayConfig;
import java.util.Set;

/**
 * One kind of upstream account: which kind of provider it belongs to, how a request made with one
 * of its accounts is prepared for the upstream, and how the upstream's errors read for it.
 * Implementations are immutable and thread-safe; one instance serves every account of the type.
 */
public interface AccountType {

    /** The id stored with each account and shown by the admin API ({@code claude-code-oauth}). */
    String id();

    /** The kind of provider (upstream API) the type's accounts belong to. */
    GatewayConfig.ProviderType provider();

    /**
     * Puts the credential where the upstream expects it and makes any other change the type needs
     * (beta headers, a required system-prompt prefix). Called once per upstream request, on the
     * request's own copy of headers and body; must not keep either.
     */
    void prepare(Preparation request);

    /**
     * The status the gateway should act on for an upstream error answer: usually the status itself;
     * a type whose provider signals "bad credential" or "account exhausted" some other way maps it
     * (a Gemini {@code 400 API_KEY_INVALID} is a 401).
     */
    default int effectiveStatus(int status, byte[] body) {
        return status;
    }

    /**
     * The provider's answer inside what this type's upstream sent: the answer itself for most types;
     * a type whose upstream wraps answers in an envelope (Gemini CLI's Code Assist) takes it out, so
     * the provider's decoders read it unchanged. Also applied to each streamed event's JSON.
     */
    default JsonNode unwrap(JsonNode answer) {
        return answer;
    }

    /** {@code translator} reading each streamed event as {@link #unwrap} leaves it; itself by default. */
    default StreamTranslator unwrapping(StreamTranslator translator) {
        return translator;
    }

    /** The per-account options this type reads (admin API fields, e.g. {@code project}); none by default. */
    default Set<String> options() {
        return Set.of();
    }
}
