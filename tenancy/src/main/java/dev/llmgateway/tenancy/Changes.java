package dev.llmgateway.tenancy;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import io.helidon.dbclient.DbExecute;
import java.time.Instant;
import java.util.List;

/**
 * The change feed ({@code tenancy_changes}): every change that can alter how a request is
 * authenticated or limited is recorded in the same transaction as the change itself, and every
 * instance polls the feed to drop what it cached. Thread-safe.
 */
public final class Changes {

    /** What changed. */
    public enum Entity {
        ORG, KEY, QUOTA, USER, BUDGET;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Entity parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One recorded change. */
    public record Change(long seq, Entity entity, String entityId, Instant at) {
    }

    private final Database db;

    public Changes(Database db) {
        this.db = db;
    }

    /** Records a change inside the caller's transaction. */
    public static void record(DbExecute tx, Entity entity, String entityId, Instant at) {
        tx.insert("INSERT INTO tenancy_changes (entity, entity_id, changed_at) VALUES (?, ?, ?)",
                entity.wire(), entityId, Rows.time(at));
    }

    /** The newest sequence number, or 0 when nothing changed yet. */
    public long latest() {
        return db.execute().get("SELECT COALESCE(MAX(seq), 0) AS m FROM tenancy_changes")
                .map(r -> Rows.requiredLong(r, "m")).orElse(0L);
    }

    /** The changes after {@code seq}, oldest first, at most {@code max}. */
    public List<Change> since(long seq, int max) {
        return db.execute().query("SELECT seq, entity, entity_id, changed_at FROM tenancy_changes WHERE seq > ? "
                        + "ORDER BY seq LIMIT ?", seq, max)
                .map(r -> new Change(Rows.requiredLong(r, "seq"), Entity.parse(Rows.requiredString(r, "entity")),
                        Rows.requiredString(r, "entity_id"), Rows.requiredInstant(r, "changed_at")))
                .toList();
    }
}
