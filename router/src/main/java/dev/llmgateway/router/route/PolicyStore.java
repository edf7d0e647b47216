package dev.llmgateway.router.route;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Routing policies created through the admin API, versioned in {@code routing_policies}: each
 * create, replace or delete is a new row, audited in the same transaction. Only platform admins
 * change them. Instances notice changes by polling {@link #latestRevision()}. Two changes at the same
 * moment: the second is a 409. Thread-safe.
 */
public final class PolicyStore {

    /** The policy in force under a name: its JSON document and who last changed it. */
    public record Stored(String name, int version, String document, String updatedBy, Instant updatedAt) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public PolicyStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The number of the newest change, 0 when none was ever made. */
    public long latestRevision() {
        return db.execute().get("SELECT COALESCE(MAX(revision), 0) AS r FROM routing_policies")
                .map(r -> Rows.requiredLong(r, "r")).orElse(0L);
    }

    /** Every policy in force, by name. */
    public List<Stored> live() {
        return db.execute().query("SELECT p.* FROM routing_policies p WHERE NOT p.deleted AND p.version = "
                + "(SELECT MAX(q.version) FROM routing_policies q WHERE q.name = p.name) ORDER BY p.name")
                .map(PolicyStore::read).toList();
    }

    public Optional<Stored> get(String name) {
        return db.execute().get("SELECT * FROM routing_policies WHERE name = ? AND version = "
                + "(SELECT MAX(version) FROM routing_policies WHERE name = ?)", name, name)
                .filter(r -> !Rows.bool(r, "deleted")).map(PolicyStore::read);
    }

    /** Stores a new policy; 409 when one of that name is in force. */
    public Stored create(Actor actor, String name, String document, AuditEntry details) {
        return change(actor, name, document, true, details);
    }

    /** Replaces a policy in force; 404 when there is none. */
    public Stored replace(Actor actor, String name, String document, AuditEntry details) {
        return change(actor, name, document, false, details);
    }

    /** Deletes a policy in force; false when there is none. */
    public boolean delete(Actor actor, String name) {
        actor.requirePlatform("manage routing policies");
        Instant now = clock.instant();
        return guarded(() -> db.transaction(tx -> {
            Optional<DbRow> current = newest(tx, name);
            if (current.isEmpty() || Rows.bool(current.get(), "deleted")) {
                return false;
            }
            int version = (int) Rows.requiredLong(current.get(), "version") + 1;
            tx.insert("INSERT INTO routing_policies (revision, name, version, document, deleted, created_by, created_at) "
                    + "VALUES (?, ?, ?, NULL, TRUE, ?, ?)", nextRevision(tx), name, version, actor.id(), Rows.time(now));
            audit.append(tx, AuditEntry.of(actor, "policy.delete", "routing_policy", name).with("version", version));
            return true;
        }));
    }

    private Stored change(Actor actor, String name, String document, boolean create, AuditEntry entry) {
        actor.requirePlatform("manage routing policies");
        Instant now = clock.instant();
        return guarded(() -> db.transaction(tx -> {
            Optional<DbRow> current = newest(tx, name);
            boolean live = current.isPresent() && !Rows.bool(current.get(), "deleted");
            if (create && live) {
                throw TenancyException.conflict("policy_exists", "A routing policy '" + name + "' exists already; "
                        + "PUT /policies/" + name + " replaces it.");
            }
            if (!create && !live) {
                throw TenancyException.notFound("routing policy", name);
            }
            int version = current.map(r -> (int) Rows.requiredLong(r, "version")).orElse(0) + 1;
            tx.insert("INSERT INTO routing_policies (revision, name, version, document, deleted, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, FALSE, ?, ?)", nextRevision(tx), name, version, document, actor.id(),
                    Rows.time(now));
            audit.append(tx, entry.with("version", version));
            return new Stored(name, version, document, actor.id(), now);
        }));
    }

    private static Optional<DbRow> newest(DbTransaction tx, String name) {
        return tx.get("SELECT version, deleted FROM routing_policies WHERE name = ? ORDER BY version DESC LIMIT 1",
                name);
    }

    private static long nextRevision(DbTransaction tx) {
        return tx.get("SELECT COALESCE(MAX(revision), 0) AS r FROM routing_policies")
                .map(r -> Rows.requiredLong(r, "r")).orElse(0L) + 1;
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (Rows.uniqueViolation(e)) {
                throw TenancyException.conflict("policy_conflict", "Another routing policy change was saved at the "
                        + "same moment; read the policy and try again.");
            }
            throw e;
        }
    }

    private static Stored read(DbRow r) {
        return new Stored(Rows.requiredString(r, "name"), (int) Rows.requiredLong(r, "version"),
                Rows.requiredString(r, "document"), Rows.requiredString(r, "created_by"),
                Rows.requiredInstant(r, "created_at"));
    }
}
