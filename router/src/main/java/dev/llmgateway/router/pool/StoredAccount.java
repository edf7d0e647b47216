package dev.llmgateway.router.pool;

import java.time.Instant;
import java.util.Optional;

/**
 * An account kept in the database: its pool entry, its secret (decrypted, held only in memory), the
 * masked hint shown instead, and whether it was deleted (for other instances to drop it).
 */
public record StoredAccount(Account account, String secret, String hint, boolean enabled, Instant updatedAt,
                            Optional<Instant> deletedAt) {

    @Override
    public String toString() {
        return "StoredAccount[" + account.id() + ", secret=" + hint + "]";
    }
}
