package dev.llmgateway.router.provider.openai;

import dev.llmgateway.core.stream.StreamTranslator;

/** Test-side access to the package-private {@link OpenAiStreamTranslator}, for the translation benchmark. */
public final class OpenAiTranslators {

    private OpenAiTranslators() {
    }

    public static StreamTranslator create(String provider) {
        return new OpenAiStreamTranslator(provider);
    }
}
