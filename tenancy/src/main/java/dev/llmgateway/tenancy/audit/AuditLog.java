package dev.llmgateway.tenancy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Ids;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.TenancyException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The append-only, hash-chained audit log of admin actions. An entry is appended inside the same
 * transaction as the change it describes, so either both are stored or neither. Writers are
 * serialised by a row lock on {@code audit_head}, which also holds the newest hash; each row's hash
 * covers its content and the previous row's hash, so {@link #verify()} finds any row edited or
 * removed afterwards. On PostgreSQL a trigger refuses UPDATE and DELETE outright. Thread-safe.
 */
public final class AuditLog {

    /** The hash the first row chains to. */
    static final String GENESIS = "0".repeat(64);
    private static final Logger LOG = Logger.getLogger("llmgw.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of walking the chain. */
    public record Verification(boolean intact, long rowsChecked, Optional<Long> firstBadSeq, String message) {
    }

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends {@code entry} inside the caller's transaction {@code tx}; returns the stored row. */
    public AuditRecord append(DbExecute tx, AuditEntry entry) {
        DbRow head = tx.get("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .orElseThrow(() -> new IllegalStateException("audit_head row missing"));
        long seq = Rows.requiredLong(head, "last_seq") + 1;
        String prev = Rows.requiredString(head, "last_hash");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Actor actor = entry.actor();
        JsonNode details = JSON.valueToTree(entry.details());
        AuditRecord row = new AuditRecord(seq, Ids.next("aud"), at, actor.type().wire(), actor.id(), entry.orgId(),
                entry.action(), entry.targetType(), entry.targetId(), actor.remoteAddress(), details, prev, "");
        String detailsText = text(details);
        String hash = hash(row, detailsText);
        tx.insert("INSERT INTO audit_log (seq, id, at, actor_type, actor_id, org_id, action, target_type, target_id, "
                        + "remote_addr, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, row.id(), Rows.time(at), row.actorType(), row.actorId(), row.orgId().orElse(null), row.action(),
                row.targetType(), row.targetId().orElse(null), row.remoteAddress().orElse(null), detailsText,
                prev, hash);
        tx.update("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
        LOG.info(() -> "audit: who=" + actor + " what=" + entry.action() + " target=" + entry.targetType() + ":"
                + entry.targetId().orElse("-") + " org=" + entry.orgId().orElse("-") + " from="
                + actor.remoteAddress().orElse("-"));
        return new AuditRecord(seq, row.id(), at, row.actorType(), row.actorId(), row.orgId(), row.action(),
                row.targetType(), row.targetId(), row.remoteAddress(), details, prev, hash);
    }

    /** Appends {@code entry} in a transaction of its own (for actions that change nothing else). */
    public AuditRecord append(AuditEntry entry) {
        return db.transaction(tx -> append(tx, entry));
    }

    /**
     * The entries the actor may read, newest first: a platform admin sees everything (or one
     * organization with {@code query.orgId}); anyone else only its own organization's entries, and
     * only with a role of admin or higher.
     */
    public Page<AuditRecord> list(Actor actor, AuditQuery query, PageRequest page) {
        Optional<String> org = query.orgId();
        if (!actor.platformWide()) {
            String own = actor.orgId().orElseThrow(() -> TenancyException.forbidden("This actor has no organization."));
            if (org.isPresent() && !org.get().equals(own)) {
                throw TenancyException.notFound("organization", org.get());
            }
            actor.require(own, dev.llmgateway.tenancy.Role.ADMIN, "read the audit log");
            org = Optional.of(own);
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(where, params, "org_id = ?", org);
        filter(where, params, "action = ?", query.action());
        filter(where, params, "actor_id = ?", query.actorId());
        filter(where, params, "target_id = ?", query.targetId());
        filter(where, params, "at >= ?", query.from().map(Rows::time));
        filter(where, params, "at < ?", query.to().map(Rows::time));
        var exec = db.execute();
        long total = exec.createGet("SELECT COUNT(*) AS n FROM audit_log" + where).params(params).execute()
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.limit());
        pageParams.add(page.offset());
        List<AuditRecord> items = exec.createQuery("SELECT * FROM audit_log" + where
                        + " ORDER BY seq DESC LIMIT ? OFFSET ?").params(pageParams).execute()
                .map(AuditLog::read).toList();
        return new Page<>(items, total, page);
    }

    /** Walks the whole chain from the first row and reports the first row that does not fit. */
    public Verification verify() {
        String prev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        List<Map.Entry<AuditRecord, String>> rows;
        long after = 0;
        do {
            rows = db.execute().query("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 1000", after)
                    .map(r -> Map.entry(read(r), Rows.string(r, "details").orElse(""))).toList();
            for (Map.Entry<AuditRecord, String> e : rows) {
                AuditRecord r = e.getKey();
                if (r.seq() != expectedSeq) {
                    return new Verification(false, checked, Optional.of(expectedSeq),
                            "row " + expectedSeq + " is missing");
                }
                if (!r.prevHash().equals(prev) || !hash(r, e.getValue()).equals(r.hash())) {
                    return new Verification(false, checked, Optional.of(r.seq()),
                            "row " + r.seq() + " was changed after it was written");
                }
                prev = r.hash();
                expectedSeq++;
                checked++;
                after = r.seq();
            }
        } while (!rows.isEmpty());
        String headHash = db.execute().get("SELECT last_hash FROM audit_head WHERE id = 1")
                .map(r -> Rows.requiredString(r, "last_hash")).orElse(GENESIS);
        if (!headHash.equals(prev)) {
            return new Verification(false, checked, Optional.of(expectedSeq), "rows after " + (expectedSeq - 1)
                    + " are missing");
        }
        return new Verification(true, checked, Optional.empty(), "all " + checked + " rows intact");
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Optional<?> value) {
        value.ifPresent(v -> {
            where.append(" AND ").append(clause);
            params.add(v);
        });
    }

    private static AuditRecord read(DbRow r) {
        JsonNode details;
        try {
            details = JSON.readTree(Rows.string(r, "details").orElse("{}"));
        } catch (JsonProcessingException e) {
            details = JSON.getNodeFactory().textNode(Rows.string(r, "details").orElse(""));
        }
        return new AuditRecord(Rows.requiredLong(r, "seq"), Rows.requiredString(r, "id"),
                Rows.requiredInstant(r, "at"), Rows.requiredString(r, "actor_type"),
                Rows.requiredString(r, "actor_id"), Rows.string(r, "org_id"), Rows.requiredString(r, "action"),
                Rows.requiredString(r, "target_type"), Rows.string(r, "target_id"), Rows.string(r, "remote_addr"),
                details, Rows.requiredString(r, "prev_hash"), Rows.requiredString(r, "hash"));
    }

    /** SHA-256 over the previous hash and every stored field, each length-prefixed so fields cannot run together. */
    static String hash(AuditRecord r, String detailsText) {
        StringBuilder sb = new StringBuilder();
        for (String field : new String[] {r.prevHash(), Long.toString(r.seq()), r.id(),
                Long.toString(r.at().toEpochMilli()), r.actorType(), r.actorId(), r.orgId().orElse(""), r.action(),
                r.targetType(), r.targetId().orElse(""), r.remoteAddress().orElse(""), detailsText}) {
            sb.append(field.length()).append(':').append(field).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String text(JsonNode details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
