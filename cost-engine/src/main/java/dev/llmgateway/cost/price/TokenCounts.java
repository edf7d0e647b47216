package dev.llmgateway.cost.price;

import dev.llmgateway.core.chat.Usage;

/**
 * A request's tokens split into the kinds that are priced differently; the kinds do not overlap.
 *
 * @param uncachedInput prompt tokens neither read from nor written to a cache
 * @param cacheRead     prompt tokens read from the cache
 * @param cacheWrite5m  prompt tokens written to a five-minute cache
 * @param cacheWrite1h  prompt tokens written to a one-hour cache
 * @param output        completion tokens other than reasoning
 * @param reasoning     reasoning tokens
 */
public record TokenCounts(long uncachedInput, long cacheRead, long cacheWrite5m, long cacheWrite1h, long output,
                          long reasoning) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0, 0);

    public TokenCounts {
        if (uncachedInput < 0 || cacheRead < 0 || cacheWrite5m < 0 || cacheWrite1h < 0 || output < 0
                || reasoning < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    /**
     * From the canonical usage, where cached prompt tokens are part of the input and reasoning part
     * of the output. The canonical usage does not say how long a cache write lives, so every write
     * is priced as a five-minute write (the shorter, cheaper one, and Anthropic's default). A
     * provider reporting more cached than prompt tokens cannot make a count negative.
     */
    public static TokenCounts from(Usage usage) {
        long cacheRead = Math.max(0, usage.cacheReadTokens());
        long cacheWrite = Math.max(0, usage.cacheWriteTokens());
        long reasoning = Math.max(0, usage.reasoningTokens());
        return new TokenCounts(Math.max(0, usage.inputTokens() - cacheRead - cacheWrite), cacheRead, cacheWrite, 0,
                Math.max(0, usage.outputTokens() - reasoning), reasoning);
    }

    public long total() {
        return uncachedInput + cacheRead + cacheWrite5m + cacheWrite1h + output + reasoning;
    }
}
