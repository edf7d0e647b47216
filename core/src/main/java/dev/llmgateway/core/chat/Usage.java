package dev.llmgateway.core.chat;

/**
 * Tokens by kind, as the upstream reported them. {@code inputTokens} counts every prompt token
 * including cached ones; {@code cacheReadTokens} and {@code cacheWriteTokens} say how many of them
 * were read from or written to the provider's prompt cache; {@code reasoningTokens} is part of
 * {@code outputTokens}.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                    long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
