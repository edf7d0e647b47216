package dev.llmgateway.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One served request as the cost engine records it: who (organization, team, key, user; empty
 * strings when none), what (model, provider, account), tokens by kind, exact cost in USD, latency,
 * outcome, the routing reason, and whether a cache answered. {@code id} is the idempotency key: a
 * consumer that sees the same id twice counts it once.
 *
 * @param outcome {@code ok}, {@code error}, {@code broken} (a stream cut mid-way) or {@code cancelled}
 */
public record UsageEvent(String id, Instant occurredAt, String requestId, String orgId, String teamId, String keyId,
                         String userId, String model, String provider, String account, Tokens tokens,
                         BigDecimal costUsd, boolean unpriced, long latencyMillis, int status, String outcome,
                         String routingReason, boolean cacheHit) {

    /** Tokens by kind; {@code input} includes cache reads and writes, {@code output} includes reasoning. */
    public record Tokens(long input, long output, long cacheWrite, long cacheRead, long reasoning) {

        public static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

        public long total() {
            return input + output;
        }
    }

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(routingReason, "routingReason");
    }
}
