package dev.llmgateway.tenancy.user;

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
import dev.llmgateway.tenancy.org.Organizations;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The users of an organization and their roles. Admins manage admins, members and viewers; only
 * owners (and platform admins) create, change or remove owners. Platform admins (no organization)
 * are created by platform admins. Deletion is soft and frees the e-mail address. Thread-safe.
 */
public final class Users {

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Users(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a new user is: e-mail, optional display name, role, password. */
    public record NewUser(String email, Optional<String> name, Role role, String password) {
        @Override
        public String toString() {
            return "NewUser[" + email + ", " + role + "]";
        }
    }

    public User create(Actor actor, String orgId, NewUser spec) {
        actor.require(orgId, Role.ADMIN, "add users");
        checkRole(actor, orgId, spec.role());
        return db.transaction(tx -> {
            Organizations.live(tx, orgId);
            User u = insert(tx, Optional.of(orgId), spec);
            audit.append(tx, AuditEntry.of(actor, "user.create", "user", u.id()).inOrg(orgId).with("email", u.email())
                    .with("role", u.role().wire()));
            return u;
        });
    }

    /** A platform admin (no organization); platform admins only. */
    public User createPlatformAdmin(Actor actor, NewUser spec) {
        actor.requirePlatform("create platform admins");
        NewUser admin = new NewUser(spec.email(), spec.name(), Role.PLATFORM_ADMIN, spec.password());
        return db.transaction(tx -> {
            User u = insert(tx, Optional.empty(), admin);
            audit.append(tx, AuditEntry.of(actor, "user.create", "user", u.id()).with("email", u.email())
                    .with("role", u.role().wire()));
            return u;
        });
    }

    /** Inserts a user inside {@code tx}; 409 when a live user has the e-mail address. */
    User insert(DbExecute tx, Optional<String> orgId, NewUser spec) {
        String email = Emails.normalise(spec.email(), "email");
        Passwords.checkStrength(spec.password(), "password");
        Optional<String> name = spec.name().map(String::strip).filter(s -> !s.isEmpty());
        if (name.isPresent() && name.get().length() > 200) {
            throw TenancyException.invalid("name", "'name' must be at most 200 characters.");
        }
        if (tx.get("SELECT id FROM users WHERE live_email = ?", email).isPresent()) {
            throw TenancyException.conflict("email_taken", "A user with e-mail " + email + " exists already.");
        }
        Instant now = clock.instant();
        String id = Ids.next("usr");
        tx.insert("INSERT INTO users (id, org_id, email, live_email, name, role, status, password_hash, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)", id, orgId.orElse(null), email,
                email, name.orElse(null), spec.role().wire(), Passwords.hash(spec.password()), Rows.time(now),
                Rows.time(now));
        return find(tx, id).orElseThrow();
    }

    public Page<User> list(Actor actor, String orgId, Optional<Role> role, Optional<String> status,
                           Optional<String> emailContains, PageRequest page) {
        actor.require(orgId, Role.VIEWER, "read users");
        Organizations.live(db.execute(), orgId);
        StringBuilder where = new StringBuilder(" WHERE org_id = ? AND deleted_at IS NULL");
        List<Object> params = new ArrayList<>(List.of(orgId));
        role.ifPresent(r -> {
            where.append(" AND role = ?");
            params.add(r.wire());
        });
        status.ifPresent(s -> {
            where.append(" AND status = ?");
            params.add(s);
        });
        emailContains.ifPresent(e -> {
            where.append(" AND email LIKE ?");
            params.add("%" + e.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        });
        long total = db.execute().createGet("SELECT COUNT(*) AS n FROM users" + where).params(params).execute()
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Object> paged = new ArrayList<>(params);
        paged.add(page.limit());
        paged.add(page.offset());
        List<User> items = db.execute().createQuery("SELECT * FROM users" + where
                + " ORDER BY created_at, id LIMIT ? OFFSET ?").params(paged).execute().map(Users::read).toList();
        return new Page<>(items, total, page);
    }

    public User get(Actor actor, String orgId, String userId) {
        actor.require(orgId, Role.VIEWER, "read users");
        return inOrg(db.execute(), orgId, userId);
    }

    /** Changes the name, role or status (active | disabled) of a user. */
    public User update(Actor actor, String orgId, String userId, Optional<String> name, Optional<Role> role,
                       Optional<String> status) {
        actor.require(orgId, Role.ADMIN, "change users");
        Instant now = clock.instant();
        return db.transaction(tx -> {
            User before = inOrg(tx, orgId, userId);
            checkRole(actor, orgId, before.role());
            role.ifPresent(r -> checkRole(actor, orgId, r));
            String st = status.map(s -> {
                if (!s.equals("active") && !s.equals("disabled")) {
                    throw TenancyException.invalid("status", "'status' must be active or disabled.");
                }
                return s;
            }).orElse(before.status());
            Optional<String> n = name.isPresent() ? name.map(String::strip).filter(s -> !s.isEmpty()) : before.name();
            tx.update("UPDATE users SET name = ?, role = ?, status = ?, updated_at = ? WHERE id = ?", n.orElse(null),
                    role.orElse(before.role()).wire(), st, Rows.time(now), userId);
            Changes.record(tx, Changes.Entity.USER, userId, now);
            audit.append(tx, AuditEntry.of(actor, "user.update", "user", userId).inOrg(orgId)
                    .changed("name", before.name().orElse(null), n.orElse(null))
                    .changed("role", before.role().wire(), role.orElse(before.role()).wire())
                    .changed("status", before.status(), st));
            return find(tx, userId).orElseThrow();
        });
    }

    public void delete(Actor actor, String orgId, String userId) {
        actor.require(orgId, Role.ADMIN, "remove users");
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            User before = inOrg(tx, orgId, userId);
            checkRole(actor, orgId, before.role());
            tx.update("UPDATE users SET deleted_at = ?, live_email = NULL, updated_at = ? WHERE id = ?", Rows.time(now),
                    Rows.time(now), userId);
            tx.update("UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    Rows.time(now), userId);
            Changes.record(tx, Changes.Entity.USER, userId, now);
            audit.append(tx, AuditEntry.of(actor, "user.delete", "user", userId).inOrg(orgId)
                    .with("email", before.email()));
        });
    }

    /** Owners are managed by owners (and platform admins) only; nobody is made a platform admin here. */
    private static void checkRole(Actor actor, String orgId, Role role) {
        if (role == Role.PLATFORM_ADMIN) {
            throw TenancyException.invalid("role", "'role' must be owner, admin, member or viewer.");
        }
        if (role == Role.OWNER) {
            actor.require(orgId, Role.OWNER, "manage owners");
        }
    }

    private static User inOrg(DbExecute exec, String orgId, String userId) {
        return exec.get("SELECT u.* FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = ? AND "
                        + "u.org_id = ? AND u.deleted_at IS NULL AND o.deleted_at IS NULL", userId, orgId)
                .map(Users::read).orElseThrow(() -> TenancyException.notFound("user", userId));
    }

    static Optional<User> find(DbExecute exec, String id) {
        return exec.get("SELECT * FROM users WHERE id = ? AND deleted_at IS NULL", id).map(Users::read);
    }

    static User read(DbRow r) {
        return new User(Rows.requiredString(r, "id"), Rows.string(r, "org_id"), Rows.requiredString(r, "email"),
                Rows.string(r, "name"), Role.parse(Rows.requiredString(r, "role")).orElse(Role.VIEWER),
                Rows.requiredString(r, "status"), Rows.instant(r, "locked_until"), Rows.instant(r, "last_login_at"),
                Rows.requiredInstant(r, "created_at"), Rows.requiredInstant(r, "updated_at"));
    }
}
