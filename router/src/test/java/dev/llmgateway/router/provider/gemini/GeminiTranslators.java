package dev.llmgateway.router.provider.gemini;

import dev.llmgateway.core.stream.StreamTranslator;

/** Test-side access to the package-private {@link GeminiStreamTranslator}, for the translation benchmark. */
public final class GeminiTranslators {

    private GeminiTranslators() {
    }

    public static StreamTranslator create(String provider) {
        return new GeminiStreamTranslator(provider);
    }
}
