package dev.llmgateway.tenancy.user;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.ActorResolver;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logging in to the admin API with e-mail and password, the sessions that result, and the lock-out
 * after repeated failures. A session token ({@code lgws_…}) is shown once; only its SHA-256 is kept.
 * An unknown e-mail and a wrong password get the same answer after the same work (a dummy Argon2
 * hash), so the answer does not tell which addresses exist. While locked, even the right password
 * is refused. Thread-safe.
 */
public final class Logins implements ActorResolver {

    /** Sessions start with this. */
    public static final String PREFIX = "lgws_";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final TenancySettings settings;

    public Logins(Database db, AuditLog audit, Clock clock, TenancySettings settings) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** A new session: its token (shown once), expiry and the user. */
    public record Session(String token, Instant expiresAt, User user) {
        @Override
        public String toString() {
            return "Session[" + user.id() + ", expires " + expiresAt + "]";
        }
    }

    public Session login(String email, String password, Optional<String> remote) {
        String e = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        Optional<DbRow> row = db.execute().get("SELECT * FROM users WHERE live_email = ?", e);
        if (row.isEmpty() || password == null) {
            Passwords.burn(password == null ? "" : password);
            audit.append(AuditEntry.of(Actor.anonymous().from(remote.orElse(null)), "auth.login_failed", "user", null)
                    .with("email", e).with("reason", "unknown e-mail"));
            throw invalid();
        }
        User user = Users.read(row.get());
        Actor who = Actor.user(user.id(), user.orgId(), user.role()).from(remote.orElse(null));
        Optional<Instant> locked = user.lockedUntil().filter(now::isBefore);
        if (locked.isPresent()) {
            throw locked(locked.get(), now);
        }
        if (!Passwords.verify(password, Rows.requiredString(row.get(), "password_hash"))) {
            failed(user, who, now);
            throw invalid();
        }
        if (!user.status().equals("active") || !orgActive(user)) {
            audit.append(AuditEntry.of(who, "auth.login_refused", "user", user.id()).inOrg(user.orgId().orElse(null))
                    .with("reason", "user or organization disabled"));
            throw new TenancyException(TenancyException.Kind.FORBIDDEN, "account_disabled",
                    "This user or its organization is disabled.", null);
        }
        String token = Tokens.next(PREFIX);
        Instant expires = now.plus(settings.sessionTtl());
        db.inTransaction(tx -> {
            tx.update("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?",
                    Rows.time(now), user.id());
            tx.insert("INSERT INTO user_sessions (token_hash, user_id, created_at, expires_at, remote_addr) "
                    + "VALUES (?, ?, ?, ?, ?)", Tokens.hash(token), user.id(), Rows.time(now), Rows.time(expires),
                    remote.orElse(null));
            audit.append(tx, AuditEntry.of(who, "auth.login", "user", user.id()).inOrg(user.orgId().orElse(null)));
        });
        return new Session(token, expires, user);
    }

    /** Ends a session; an unknown or already ended one is a no-op. */
    public void logout(String token) {
        db.execute().update("UPDATE user_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                Rows.time(clock.instant()), Tokens.hash(token));
    }

    @Override
    public Optional<Actor> resolve(String credential) {
        if (!credential.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        DbRow row = db.execute().get("SELECT s.expires_at, s.revoked_at, u.* FROM user_sessions s JOIN users u "
                + "ON u.id = s.user_id WHERE s.token_hash = ?", Tokens.hash(credential))
                .orElseThrow(() -> unauthenticated("invalid_session", "The session token is not valid; log in again."));
        if (Rows.instant(row, "revoked_at").isPresent() || !now.isBefore(Rows.requiredInstant(row, "expires_at"))) {
            throw unauthenticated("session_expired", "The session has ended; log in again.");
        }
        User user = Users.read(row);
        if (Rows.instant(row, "deleted_at").isPresent() || !user.status().equals("active") || !orgActive(user)) {
            throw unauthenticated("invalid_session", "The session's user or organization is disabled.");
        }
        return Optional.of(Actor.user(user.id(), user.orgId(), user.role()));
    }

    /** The user behind a valid session. */
    public User me(Actor actor) {
        return Users.find(db.execute(), actor.id()).orElseThrow(() -> TenancyException.notFound("user", actor.id()));
    }

    private void failed(User user, Actor who, Instant now) {
        db.inTransaction(tx -> {
            long failures = tx.get("SELECT failed_logins FROM users WHERE id = ? FOR UPDATE", user.id())
                    .map(r -> Rows.requiredLong(r, "failed_logins")).orElse(0L) + 1;
            if (failures >= settings.maxFailedLogins()) {
                Instant until = now.plus(settings.lockout());
                tx.update("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?", Rows.time(until),
                        user.id());
                audit.append(tx, AuditEntry.of(who, "auth.locked", "user", user.id()).inOrg(user.orgId().orElse(null))
                        .with("until", until.toString()).with("failures", failures));
            } else {
                tx.update("UPDATE users SET failed_logins = ? WHERE id = ?", failures, user.id());
                audit.append(tx, AuditEntry.of(who, "auth.login_failed", "user", user.id())
                        .inOrg(user.orgId().orElse(null)).with("failures", failures));
            }
        });
    }

    private boolean orgActive(User user) {
        return user.orgId().isEmpty() || db.execute().get("SELECT id FROM organizations WHERE id = ? AND "
                + "status = 'active' AND deleted_at IS NULL", user.orgId().get()).isPresent();
    }

    private static TenancyException invalid() {
        return new TenancyException(TenancyException.Kind.UNAUTHENTICATED, "invalid_credentials",
                "The e-mail address or password is wrong.", null);
    }

    private static TenancyException locked(Instant until, Instant now) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
        return new TenancyException(TenancyException.Kind.LOCKED, "account_locked", "Too many failed logins: this "
                + "user is locked until " + until + ".", null).retryAfter(seconds);
    }

    private static TenancyException unauthenticated(String code, String message) {
        return new TenancyException(TenancyException.Kind.UNAUTHENTICATED, code, message, null);
    }
}
