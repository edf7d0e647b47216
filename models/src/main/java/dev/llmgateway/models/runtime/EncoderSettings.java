package dev.llmgateway.models.runtime;

/**
 * How the sentence encoder runs.
 *
 * @param maxTokens tokens kept per text (including [CLS]/[SEP]); longer texts are truncated, which
 *                  bounds latency: attention cost grows with the square of the length
 * @param intraOpThreads ONNX Runtime threads per inference; 1 lets a pool of one worker per core
 *                       run without the workers fighting over cores
 */
public record EncoderSettings(int maxTokens, int intraOpThreads) {

    /** all-MiniLM-L6-v2 was trained on 128-token inputs and accepts at most 512. */
    public static final int MODEL_MAX_TOKENS = 512;

    public EncoderSettings {
        if (maxTokens < 8 || maxTokens > MODEL_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be in 8.." + MODEL_MAX_TOKENS + ": " + maxTokens);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
        }
    }

    public static EncoderSettings defaults() {
        return new EncoderSettings(256, 1);
    }
}
