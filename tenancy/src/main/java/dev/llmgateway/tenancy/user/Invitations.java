package dev.llmgateway.tenancy.user;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Ids;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.tenancy.org.Organizations;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invitations to join an organization with a role. The accept token ({@code lgwi_…}) is shown once
 * to the inviter; only its SHA-256 is kept. Accepting (with a password) creates the user; a token
 * works once, until it expires or is revoked. Thread-safe.
 */
public final class Invitations {

    public static final String PREFIX = "lgwi_";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final TenancySettings settings;
    private final Users users;

    public Invitations(Database db, AuditLog audit, Clock clock, TenancySettings settings, Users users) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.users = users;
    }

    /** A stored invitation; {@code state} is pending, accepted, revoked or expired. */
    public record Invitation(String id, String orgId, String email, Role role, String invitedBy, Instant createdAt,
                             Instant expiresAt, String state) {
    }

    /** A new invitation and its token (shown once). */
    public record Issued(Invitation invitation, String token) {
        @Override
        public String toString() {
            return "Issued[" + invitation.id() + "]";
        }
    }

    public Issued create(Actor actor, String orgId, String email, Role role) {
        actor.require(orgId, Role.ADMIN, "invite users");
        if (role == Role.PLATFORM_ADMIN) {
            throw TenancyException.invalid("role", "'role' must be owner, admin, member or viewer.");
        }
        if (role == Role.OWNER) {
            actor.require(orgId, Role.OWNER, "invite owners");
        }
        String e = Emails.normalise(email, "email");
        Instant now = clock.instant();
        String id = Ids.next("inv");
        String token = Tokens.next(PREFIX);
        return db.transaction(tx -> {
            Organizations.live(tx, orgId);
            if (tx.get("SELECT id FROM users WHERE live_email = ?", e).isPresent()) {
                throw TenancyException.conflict("email_taken", "A user with e-mail " + e + " exists already.");
            }
            tx.insert("INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, e, role.wire(), Tokens.hash(token), actor.toString(),
                    Rows.time(now), Rows.time(now.plus(settings.invitationTtl())));
            audit.append(tx, AuditEntry.of(actor, "invitation.create", "invitation", id).inOrg(orgId)
                    .with("email", e).with("role", role.wire()));
            return new Issued(read(tx.get("SELECT * FROM invitations WHERE id = ?", id).orElseThrow(), now), token);
        });
    }

    public Page<Invitation> list(Actor actor, String orgId, PageRequest page) {
        actor.require(orgId, Role.ADMIN, "read invitations");
        Organizations.live(db.execute(), orgId);
        Instant now = clock.instant();
        long total = db.execute().get("SELECT COUNT(*) AS n FROM invitations WHERE org_id = ?", orgId)
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Invitation> items = db.execute().query("SELECT * FROM invitations WHERE org_id = ? ORDER BY created_at "
                + "DESC, id LIMIT ? OFFSET ?", orgId, page.limit(), page.offset()).map(r -> read(r, now)).toList();
        return new Page<>(items, total, page);
    }

    public void revoke(Actor actor, String orgId, String id) {
        actor.require(orgId, Role.ADMIN, "revoke invitations");
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            Organizations.live(tx, orgId);
            long n = tx.update("UPDATE invitations SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL "
                    + "AND accepted_at IS NULL", Rows.time(now), id, orgId);
            if (n == 0) {
                throw TenancyException.notFound("invitation", id);
            }
            audit.append(tx, AuditEntry.of(actor, "invitation.revoke", "invitation", id).inOrg(orgId));
        });
    }

    /** Accepts with the token: creates the user in the organization with the invited role. */
    public User accept(String token, String password, Optional<String> name, Optional<String> remote) {
        Instant now = clock.instant();
        return db.transaction(tx -> {
            DbRow row = tx.get("SELECT * FROM invitations WHERE token_hash = ? FOR UPDATE", Tokens.hash(token == null
                    ? "" : token)).orElseThrow(() -> bad("invalid_invitation", "The invitation token is not valid."));
            Invitation inv = read(row, now);
            switch (inv.state()) {
                case "accepted" -> throw bad("invitation_used", "This invitation has been accepted already.");
                case "revoked" -> throw bad("invitation_revoked", "This invitation was revoked.");
                case "expired" -> throw bad("invitation_expired", "This invitation expired at " + inv.expiresAt()
                        + "; ask for a new one.");
                default -> { }
            }
            Organizations.live(tx, inv.orgId());
            User user = users.insert(tx, Optional.of(inv.orgId()), new Users.NewUser(inv.email(), name, inv.role(),
                    password));
            tx.update("UPDATE invitations SET accepted_at = ? WHERE id = ?", Rows.time(now), inv.id());
            audit.append(tx, AuditEntry.of(Actor.user(user.id(), user.orgId(), user.role()).from(remote.orElse(null)),
                    "invitation.accept", "invitation", inv.id()).inOrg(inv.orgId()).with("user", user.id()));
            return user;
        });
    }

    private static TenancyException bad(String code, String message) {
        return new TenancyException(TenancyException.Kind.INVALID, code, message, "token");
    }

    private static Invitation read(DbRow r, Instant now) {
        Instant expires = Rows.requiredInstant(r, "expires_at");
        String state = Rows.instant(r, "accepted_at").isPresent() ? "accepted"
                : Rows.instant(r, "revoked_at").isPresent() ? "revoked" : now.isBefore(expires) ? "pending" : "expired";
        return new Invitation(Rows.requiredString(r, "id"), Rows.requiredString(r, "org_id"),
                Rows.requiredString(r, "email"), Role.parse(Rows.requiredString(r, "role")).orElse(Role.VIEWER),
                Rows.requiredString(r, "invited_by"), Rows.requiredInstant(r, "created_at"), expires, state);
    }
}
