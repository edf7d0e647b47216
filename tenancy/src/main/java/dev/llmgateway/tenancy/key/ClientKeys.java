package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.store.Database;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Changes;
import dev.llmgateway.tenancy.Ids;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbExecute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Managing an organization's client API keys. Who may do what: organization owners and admins,
 * platform admins and admin-permission keys manage every key of the organization; a member creates
 * read-only or read-write keys and manages only the keys it created; a viewer reads. Keys with the
 * admin permission are created and managed by admins and above only. The organization must exist
 * (else 404) and, for changes, be active (else 409).
 *
 * <p>Every change is one transaction with its audit entry and a change-feed row, and drops the key
 * from this instance's {@link KeyValidator} cache once committed; other instances follow through the
 * change feed. The secret is returned once, by {@link #create} and {@link #rotate}. Thread-safe.
 */
public final class ClientKeys {

    /** The longest a rotated-out secret may keep working. */
    public static final Duration MAX_GRACE = Duration.ofDays(30);

    private final Database db;
    private final Clock clock;
    private final TenancySettings settings;
    private final AuditLog audit;
    private final KeyValidator validator;
    private final KeyRepository repo;
    private final KeyRules rules;

    public ClientKeys(Database db, Clock clock, TenancySettings settings, AuditLog audit, KeyValidator validator) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.audit = audit;
        this.validator = validator;
        this.repo = new KeyRepository(db);
        this.rules = new KeyRules(repo);
    }

    /** Creates a key; the answer carries its secret, which is shown this once. */
    public IssuedKey create(Actor actor, String orgId, KeySettings requested) {
        actor.require(orgId, Role.MEMBER, "create API keys");
        requireAdminFor(actor, requested.permission());
        Instant now = now();
        String secret = ApiKeys.generate();
        IssuedKey issued = db.transaction(tx -> {
            requireActiveOrg(tx, orgId);
            KeySettings s = rules.check(tx, orgId, requested, Optional.empty(), now);
            ClientKey key = new ClientKey(Ids.next("key"), orgId, ApiKeys.publicId(secret), s, true, actor.id(), now,
                    now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            repo.insert(tx, key, ApiKeys.hash(secret));
            audit.append(tx, KeyAudit.created(AuditEntry.of(actor, "key.create", "key", key.id()).inOrg(orgId), key));
            Changes.record(tx, Changes.Entity.KEY, key.id(), now);
            return new IssuedKey(key, secret);
        });
        validator.invalidateKey(issued.key().id());
        return issued;
    }

    /** The organization's keys matching {@code query}, newest first. */
    public Page<ClientKey> list(Actor actor, String orgId, KeyQuery query, PageRequest page) {
        actor.require(orgId, Role.VIEWER, "read API keys");
        requireOrg(db.execute(), orgId);
        return repo.page(orgId, query, page, now());
    }

    public ClientKey get(Actor actor, String orgId, String keyId) {
        actor.require(orgId, Role.VIEWER, "read API keys");
        requireOrg(db.execute(), orgId);
        return repo.find(db.execute(), orgId, keyId, false).orElseThrow(() -> TenancyException.notFound("key", keyId));
    }

    /** Applies {@code edit} to the key's settings (a PATCH); the result is validated like a new key's. */
    public ClientKey update(Actor actor, String orgId, String keyId, UnaryOperator<KeySettings> edit) {
        return change(actor, orgId, keyId, "key.update", (tx, before, now, entry) -> {
            KeySettings next = rules.check(tx, orgId, edit.apply(before.settings()), Optional.of(before.settings()),
                    now);
            requireAdminFor(actor, next.permission());
            ClientKey after = new ClientKey(before.id(), orgId, before.prefix(), next, before.enabled(),
                    before.createdBy(), before.createdAt(), now, before.rotatedAt(), before.lastUsedAt(),
                    before.previousValidUntil(), before.deletedAt());
            repo.update(tx, after);
            return new Outcome<>(after, KeyAudit.updated(entry, before.settings(), next));
        });
    }

    /** Enables or disables the key; a disabled key is refused at once, its old secret too. */
    public ClientKey setEnabled(Actor actor, String orgId, String keyId, boolean enabled) {
        return change(actor, orgId, keyId, enabled ? "key.enable" : "key.disable", (tx, before, now, entry) -> {
            ClientKey after = new ClientKey(before.id(), orgId, before.prefix(), before.settings(), enabled,
                    before.createdBy(), before.createdAt(), now, before.rotatedAt(), before.lastUsedAt(),
                    before.previousValidUntil(), before.deletedAt());
            repo.update(tx, after);
            return new Outcome<>(after, entry.changed("enabled", before.enabled(), enabled));
        });
    }

    /** {@link #rotate(Actor, String, String, Duration)} with the configured grace period. */
    public IssuedKey rotate(Actor actor, String orgId, String keyId) {
        return rotate(actor, orgId, keyId, settings.rotationGrace());
    }

    /**
     * Gives the key a new secret; the old one keeps working for {@code grace} (zero revokes it at
     * once), after which it is refused as rotated. A secret rotated out twice is retired at once.
     */
    public IssuedKey rotate(Actor actor, String orgId, String keyId, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw TenancyException.invalid("grace_seconds", "'grace_seconds' must be from 0 to "
                    + MAX_GRACE.toSeconds() + " (30 days), got " + grace.toSeconds() + ".");
        }
        String secret = ApiKeys.generate();
        return change(actor, orgId, keyId, "key.rotate", (tx, before, now, entry) -> {
            Instant until = now.plus(grace);
            repo.rotate(tx, keyId, ApiKeys.hash(secret), ApiKeys.publicId(secret), until, now);
            ClientKey after = repo.find(tx, orgId, keyId, false).orElseThrow();
            return new Outcome<>(new IssuedKey(after, secret), entry.with("grace_seconds", grace.toSeconds())
                    .with("previous_valid_until", until.toString()).changed("prefix", before.prefix(), after.prefix()));
        });
    }

    /** Deletes the key (softly: the row stays for history); both its secrets are refused at once. */
    public void delete(Actor actor, String orgId, String keyId) {
        change(actor, orgId, keyId, "key.delete", (tx, before, now, entry) -> {
            repo.softDelete(tx, keyId, now);
            return new Outcome<>(before, entry.with("name", before.settings().name()));
        });
    }

    /** One change to an existing key: inside a transaction, with the key locked, audited and fed to the change feed. */
    private <T> T change(Actor actor, String orgId, String keyId, String action, Mutation<T> mutation) {
        actor.require(orgId, Role.MEMBER, "change API keys");
        Instant now = now();
        T result = db.transaction(tx -> {
            requireActiveOrg(tx, orgId);
            ClientKey before = repo.find(tx, orgId, keyId, true)
                    .orElseThrow(() -> TenancyException.notFound("key", keyId));
            requireManage(actor, before);
            Outcome<T> out = mutation.apply(tx, before, now, AuditEntry.of(actor, action, "key", keyId).inOrg(orgId));
            audit.append(tx, out.audit());
            Changes.record(tx, Changes.Entity.KEY, keyId, now);
            return out.value();
        });
        validator.invalidateKey(keyId);
        return result;
    }

    private interface Mutation<T> {
        Outcome<T> apply(DbExecute tx, ClientKey before, Instant now, AuditEntry entry);
    }

    private record Outcome<T>(T value, AuditEntry audit) {
    }

    /** Admins and above manage every key; a member only its own keys, and never admin-permission ones. */
    private static void requireManage(Actor actor, ClientKey key) {
        if (actor.role().atLeast(Role.ADMIN)) {
            return;
        }
        if (!key.createdBy().equals(actor.id())) {
            throw TenancyException.forbidden("A member may only change the API keys it created itself; key '"
                    + key.id() + "' was created by someone else.");
        }
        requireAdminFor(actor, key.settings().permission());
    }

    private static void requireAdminFor(Actor actor, Permission permission) {
        if (permission == Permission.ADMIN && !actor.role().atLeast(Role.ADMIN)) {
            throw TenancyException.forbidden("Only an organization admin or owner may create or change API keys "
                    + "with the 'admin' permission; your role is '" + actor.role().wire() + "'.");
        }
    }

    private void requireOrg(DbExecute exec, String orgId) {
        repo.orgStatus(exec, orgId).orElseThrow(() -> TenancyException.notFound("organization", orgId));
    }

    private void requireActiveOrg(DbExecute exec, String orgId) {
        String status = repo.orgStatus(exec, orgId).orElseThrow(() -> TenancyException.notFound("organization", orgId));
        if (!"active".equals(status)) {
            throw TenancyException.conflict("organization_disabled", "Organization '" + orgId + "' is disabled; "
                    + "enable it before changing its API keys.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
