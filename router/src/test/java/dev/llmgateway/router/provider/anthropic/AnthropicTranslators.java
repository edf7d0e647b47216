package dev.llmgateway.router.provider.anthropic;

import dev.llmgateway.core.stream.StreamTranslator;

/** Test-side access to the package-private {@link AnthropicStreamTranslator}, for the translation benchmark. */
public final class AnthropicTranslators {

    private AnthropicTranslators() {
    }

    public static StreamTranslator create(String provider) {
        return new AnthropicStreamTranslator(provider);
    }
}
