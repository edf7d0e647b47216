package dev.llmgateway.tenancy.org;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Changes;
import dev.llmgateway.tenancy.Ids;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Organizations: created, disabled, enabled and deleted by platform admins; renamed by their own
 * owners and admins; visible to their members. Another organization answers 404. Deletion is soft
 * (history kept); a deleted organization is visible only to platform admins who ask for it. Status
 * changes go to the change feed, so every instance stops accepting a disabled organization's keys.
 * Thread-safe.
 */
public final class Organizations {

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Organizations(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Organization create(Actor actor, String name, Optional<String> description) {
        actor.requirePlatform("create organizations");
        String n = Names.name(name);
        Optional<String> d = Names.description(description);
        Instant now = clock.instant();
        String id = Ids.next("org");
        return db.transaction(tx -> {
            tx.insert("INSERT INTO organizations (id, name, description, status, created_at, updated_at) "
                    + "VALUES (?, ?, ?, 'active', ?, ?)", id, n, d.orElse(null), Rows.time(now), Rows.time(now));
            audit.append(tx, AuditEntry.of(actor, "org.create", "org", id).inOrg(id).with("name", n));
            return find(tx, id, false).orElseThrow();
        });
    }

    public Page<Organization> list(Actor actor, OrgQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!actor.platformWide()) {
            where.append(" AND id = ?");
            params.add(actor.orgId().orElse(""));
        }
        if (!query.includeDeleted() || !actor.platformWide()) {
            where.append(" AND deleted_at IS NULL");
        }
        query.name().ifPresent(n -> {
            where.append(" AND LOWER(name) LIKE ?");
            params.add("%" + n.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        });
        query.status().ifPresent(s -> {
            where.append(" AND status = ?");
            params.add(status(s));
        });
        query.createdAfter().ifPresent(t -> {
            where.append(" AND created_at >= ?");
            params.add(Rows.time(t));
        });
        query.createdBefore().ifPresent(t -> {
            where.append(" AND created_at < ?");
            params.add(Rows.time(t));
        });
        long total = db.execute().createGet("SELECT COUNT(*) AS n FROM organizations" + where).params(params).execute()
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Object> paged = new ArrayList<>(params);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Organization> items = db.execute().createQuery("SELECT * FROM organizations" + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?").params(paged).execute().map(Organizations::read)
                .toList();
        return new Page<>(items, total, page);
    }

    /** An organization the actor may see; 404 otherwise (and for deleted ones unless asked by a platform admin). */
    public Organization get(Actor actor, String id, boolean includeDeleted) {
        if (!actor.canSee(id)) {
            throw TenancyException.notFound("organization", id);
        }
        return find(db.execute(), id, includeDeleted && actor.platformWide())
                .orElseThrow(() -> TenancyException.notFound("organization", id));
    }

    /** Renames or re-describes; owners and admins of the organization, or platform admins. */
    public Organization update(Actor actor, String id, Optional<String> name, Optional<Optional<String>> description) {
        actor.require(id, Role.ADMIN, "change the organization");
        Instant now = clock.instant();
        return db.transaction(tx -> {
            Organization before = live(tx, id);
            String n = name.map(Names::name).orElse(before.name());
            Optional<String> d = description.isPresent() ? Names.description(description.get()) : before.description();
            tx.update("UPDATE organizations SET name = ?, description = ?, updated_at = ? WHERE id = ?", n,
                    d.orElse(null), Rows.time(now), id);
            audit.append(tx, AuditEntry.of(actor, "org.update", "org", id).inOrg(id).changed("name", before.name(), n)
                    .changed("description", before.description().orElse(null), d.orElse(null)));
            return find(tx, id, false).orElseThrow();
        });
    }

    /** Disables or enables; platform admins only. A disabled organization's keys and users are refused. */
    public Organization setActive(Actor actor, String id, boolean active) {
        if (!actor.canSee(id)) {
            throw TenancyException.notFound("organization", id);
        }
        actor.requirePlatform(active ? "enable organizations" : "disable organizations");
        Instant now = clock.instant();
        String status = active ? "active" : "disabled";
        return db.transaction(tx -> {
            Organization before = live(tx, id);
            tx.update("UPDATE organizations SET status = ?, updated_at = ? WHERE id = ?", status, Rows.time(now), id);
            Changes.record(tx, Changes.Entity.ORG, id, now);
            audit.append(tx, AuditEntry.of(actor, active ? "org.enable" : "org.disable", "org", id).inOrg(id)
                    .changed("status", before.status(), status));
            return find(tx, id, false).orElseThrow();
        });
    }

    /** Soft-deletes; platform admins only. Keys and users of the organization stop working at once. */
    public void delete(Actor actor, String id) {
        if (!actor.canSee(id)) {
            throw TenancyException.notFound("organization", id);
        }
        actor.requirePlatform("delete organizations");
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            live(tx, id);
            tx.update("UPDATE organizations SET deleted_at = ?, updated_at = ? WHERE id = ?", Rows.time(now),
                    Rows.time(now), id);
            Changes.record(tx, Changes.Entity.ORG, id, now);
            audit.append(tx, AuditEntry.of(actor, "org.delete", "org", id).inOrg(id));
        });
    }

    /** The live organization or 404; for other features that must check it inside their transaction. */
    public static Organization live(DbExecute exec, String id) {
        return find(exec, id, false).orElseThrow(() -> TenancyException.notFound("organization", id));
    }

    static Optional<Organization> find(DbExecute exec, String id, boolean includeDeleted) {
        return exec.get("SELECT * FROM organizations WHERE id = ?" + (includeDeleted ? "" : " AND deleted_at IS NULL"),
                id).map(Organizations::read);
    }

    private static String status(String s) {
        if (!s.equals("active") && !s.equals("disabled")) {
            throw TenancyException.invalid("status", "'status' must be active or disabled.");
        }
        return s;
    }

    static Organization read(DbRow r) {
        return new Organization(Rows.requiredString(r, "id"), Rows.requiredString(r, "name"),
                Rows.string(r, "description"), Rows.requiredString(r, "status"), Rows.requiredInstant(r, "created_at"),
                Rows.requiredInstant(r, "updated_at"), Rows.instant(r, "deleted_at"));
    }
}
