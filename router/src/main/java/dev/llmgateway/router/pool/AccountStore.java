package dev.llmgateway.router.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.security.secrets.SecretBox;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Upstream accounts added at run time, kept in {@code upstream_accounts} with their secret sealed by
 * the {@link SecretBox} (bound to the account id). Every change is audited in the same transaction.
 * OAuth accounts' token columns belong to {@code router.oauth}; this class only creates such rows
 * (pending, without tokens) and clears their tokens on removal. Thread-safe.
 */
public final class AccountStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final SecretBox box;
    private final AuditLog audit;
    private final Clock clock;

    public AccountStore(Database db, SecretBox box, AuditLog audit, Clock clock) {
        this.db = db;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores a new account (or revives a deleted one of the same id); 409 when a live one exists. An
     * OAuth account has no key ({@code secret} is ignored): it starts {@code pending}, without tokens.
     */
    public StoredAccount add(Actor actor, Account a, String secret, String hint) {
        Instant now = clock.instant();
        String sealed = a.oauth() ? null : box.seal(secret, a.id());
        String oauthStatus = a.oauth() ? "pending" : null;
        db.inTransaction(tx -> {
            Optional<DbRow> existing = tx.get("SELECT deleted_at FROM upstream_accounts WHERE id = ? FOR UPDATE", a.id());
            if (existing.isPresent() && Rows.instant(existing.get(), "deleted_at").isEmpty()) {
                throw TenancyException.conflict("account_exists", "An account '" + a.id() + "' exists already.");
            }
            Object[] values = {a.provider(), a.name(), sealed, hint, json(a.models()), a.weight(), a.priority(),
                a.limits().maxConcurrency(), a.limits().requestsPerMinute(), a.limits().tokensPerMinute(),
                a.type(), oauthStatus, a.proxy().map(java.net.URI::toString).orElse(null), options(a.options()),
                Rows.time(now)};
            if (existing.isPresent()) {
                tx.update("UPDATE upstream_accounts SET provider = ?, name = ?, secret_sealed = ?, secret_hint = ?, "
                        + "models = ?, weight = ?, priority = ?, max_concurrency = ?, rpm_limit = ?, tpm_limit = ?, "
                        + "account_type = ?, oauth_status = ?, egress_proxy = ?, type_options = ?, updated_at = ?, "
                        + "enabled = TRUE, "
                        + "deleted_at = NULL, "
                        + "access_sealed = NULL, refresh_sealed = NULL, token_expires_at = NULL, "
                        + "oauth_refreshed_at = NULL, oauth_error = NULL WHERE id = ?", append(values, a.id()));
            } else {
                tx.insert("INSERT INTO upstream_accounts (provider, name, secret_sealed, secret_hint, models, weight, "
                        + "priority, max_concurrency, rpm_limit, tpm_limit, account_type, oauth_status, egress_proxy, "
                        + "type_options, updated_at, id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        append(append(values, a.id()), Rows.time(now)));
            }
            AuditEntry entry = AuditEntry.of(actor, "account.add", "account", a.id()).with("provider", a.provider())
                    .with("models", a.models()).with("type", a.type())
                    .with("proxy", a.proxy().map(java.net.URI::toString).orElse(null));
            if (!a.options().isEmpty()) {
                entry = entry.with("options", new java.util.TreeMap<>(a.options()));
            }
            audit.append(tx, a.oauth() ? entry : entry.with("secret", hint));
        });
        return new StoredAccount(a, a.oauth() ? "" : secret, hint, true, now, Optional.empty());
    }

    /** Soft-deletes a stored account; false when there is no live one. */
    public boolean remove(Actor actor, String id) {
        Instant now = clock.instant();
        return db.transaction(tx -> {
            long n = tx.update("UPDATE upstream_accounts SET deleted_at = ?, updated_at = ?, access_sealed = NULL, "
                    + "refresh_sealed = NULL WHERE id = ? AND deleted_at IS NULL", Rows.time(now), Rows.time(now), id);
            if (n > 0) {
                tx.delete("DELETE FROM oauth_authorizations WHERE account_id = ?", id);
                audit.append(tx, AuditEntry.of(actor, "account.remove", "account", id));
            }
            return n > 0;
        });
    }

    /** Every live stored account. */
    public List<StoredAccount> live() {
        return db.execute().query("SELECT * FROM upstream_accounts WHERE deleted_at IS NULL ORDER BY created_at, id")
                .map(this::read).toList();
    }

    /** Accounts changed (added, revived or deleted) at or after {@code since}, for other instances. */
    public List<StoredAccount> changedSince(Instant since) {
        return db.execute().query("SELECT * FROM upstream_accounts WHERE updated_at >= ? ORDER BY updated_at",
                Rows.time(since)).map(this::read).toList();
    }

    private StoredAccount read(DbRow r) {
        String id = Rows.requiredString(r, "id");
        Account a = new Account(id, Rows.requiredString(r, "name"), Rows.requiredString(r, "provider"),
                list(Rows.requiredString(r, "models")), (int) Rows.requiredLong(r, "weight"),
                (int) Rows.requiredLong(r, "priority"), new Account.Limits((int) Rows.requiredLong(r, "max_concurrency"),
                (int) Rows.requiredLong(r, "rpm_limit"), Rows.requiredLong(r, "tpm_limit")),
                Rows.string(r, "account_type").orElse(Account.API_KEY),
                Rows.string(r, "egress_proxy").map(java.net.URI::create),
                Rows.string(r, "type_options").map(AccountStore::options).orElse(java.util.Map.of()));
        Optional<Instant> deleted = Rows.instant(r, "deleted_at");
        String secret = deleted.isPresent() || a.oauth() ? "" : box.open(Rows.requiredString(r, "secret_sealed"), id);
        return new StoredAccount(a, secret, Rows.requiredString(r, "secret_hint"), Rows.bool(r, "enabled"),
                Rows.requiredInstant(r, "updated_at"), deleted);
    }

    private static Object[] append(Object[] values, Object more) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = more;
        return out;
    }

    private static String json(List<String> models) {
        try {
            return JSON.writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Type options as a JSON object; NULL when there are none (most accounts). */
    private static String options(java.util.Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Map<String, String> options(String json) {
        try {
            return JSON.readValue(json, new TypeReference<java.util.Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return java.util.Map.of();
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
