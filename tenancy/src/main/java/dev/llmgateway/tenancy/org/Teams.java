package dev.llmgateway.tenancy.org;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
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
import java.util.List;
import java.util.Optional;

/**
 * Teams (departments) inside an organization, for cost allocation: managed by the organization's
 * admins, read by its members; soft-deleted. Thread-safe.
 */
public final class Teams {

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Teams(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Team create(Actor actor, String orgId, String name, Optional<String> description) {
        actor.require(orgId, Role.ADMIN, "create teams");
        String n = Names.name(name);
        Optional<String> d = Names.description(description);
        Instant now = clock.instant();
        String id = Ids.next("team");
        return db.transaction(tx -> {
            Organizations.live(tx, orgId);
            tx.insert("INSERT INTO teams (id, org_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    id, orgId, n, d.orElse(null), Rows.time(now), Rows.time(now));
            audit.append(tx, AuditEntry.of(actor, "team.create", "team", id).inOrg(orgId).with("name", n));
            return find(tx, orgId, id).orElseThrow();
        });
    }

    public Page<Team> list(Actor actor, String orgId, PageRequest page) {
        actor.require(orgId, Role.VIEWER, "read teams");
        Organizations.live(db.execute(), orgId);
        long total = db.execute().get("SELECT COUNT(*) AS n FROM teams WHERE org_id = ? AND deleted_at IS NULL", orgId)
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Team> items = db.execute().query("SELECT * FROM teams WHERE org_id = ? AND deleted_at IS NULL "
                + "ORDER BY created_at, id LIMIT ? OFFSET ?", orgId, page.limit(), page.offset()).map(Teams::read).toList();
        return new Page<>(items, total, page);
    }

    public Team get(Actor actor, String orgId, String teamId) {
        actor.require(orgId, Role.VIEWER, "read teams");
        return find(db.execute(), orgId, teamId).orElseThrow(() -> TenancyException.notFound("team", teamId));
    }

    public Team update(Actor actor, String orgId, String teamId, Optional<String> name,
                       Optional<Optional<String>> description) {
        actor.require(orgId, Role.ADMIN, "change teams");
        Instant now = clock.instant();
        return db.transaction(tx -> {
            Team before = find(tx, orgId, teamId).orElseThrow(() -> TenancyException.notFound("team", teamId));
            String n = name.map(Names::name).orElse(before.name());
            Optional<String> d = description.isPresent() ? Names.description(description.get()) : before.description();
            tx.update("UPDATE teams SET name = ?, description = ?, updated_at = ? WHERE id = ?", n, d.orElse(null),
                    Rows.time(now), teamId);
            audit.append(tx, AuditEntry.of(actor, "team.update", "team", teamId).inOrg(orgId)
                    .changed("name", before.name(), n).changed("description", before.description().orElse(null),
                            d.orElse(null)));
            return find(tx, orgId, teamId).orElseThrow();
        });
    }

    public void delete(Actor actor, String orgId, String teamId) {
        actor.require(orgId, Role.ADMIN, "delete teams");
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            find(tx, orgId, teamId).orElseThrow(() -> TenancyException.notFound("team", teamId));
            tx.update("UPDATE teams SET deleted_at = ?, updated_at = ? WHERE id = ?", Rows.time(now), Rows.time(now),
                    teamId);
            audit.append(tx, AuditEntry.of(actor, "team.delete", "team", teamId).inOrg(orgId));
        });
    }

    private static Optional<Team> find(DbExecute exec, String orgId, String teamId) {
        return exec.get("SELECT t.* FROM teams t JOIN organizations o ON o.id = t.org_id WHERE t.id = ? AND t.org_id = ? "
                + "AND t.deleted_at IS NULL AND o.deleted_at IS NULL", teamId, orgId).map(Teams::read);
    }

    private static Team read(DbRow r) {
        return new Team(Rows.requiredString(r, "id"), Rows.requiredString(r, "org_id"), Rows.requiredString(r, "name"),
                Rows.string(r, "description"), Rows.requiredInstant(r, "created_at"),
                Rows.requiredInstant(r, "updated_at"));
    }
}
