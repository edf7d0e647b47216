package dev.llmgateway.core.spi;

/**
 * An optional ability of a {@link ProviderAdapter}: asking the upstream how many input tokens a
 * request would use, without generating. Throws {@link ProviderFailure} like the adapter's calls.
 * Implementations are thread-safe.
 */
public interface TokenCounter {

    /** The upstream's count of input tokens for {@code call.request()} on {@code call.upstreamModel()}. */
    long countTokens(UpstreamCall call);
}
