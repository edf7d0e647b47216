package dev.llmgateway.tenancy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** A stored audit log row. {@code hash} chains it to the row before ({@code prevHash}). */
public record AuditRecord(long seq, String id, Instant at, String actorType, String actorId, Optional<String> orgId,
                          String action, String targetType, Optional<String> targetId,
                          Optional<String> remoteAddress, JsonNode details, String prevHash, String hash) {
}
