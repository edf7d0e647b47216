package dev.llmgateway.router.oauth;

import dev.llmgateway.security.secrets.SecretBox;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth columns of {@code upstream_accounts} and the pending authorizations in
 * {@code oauth_authorizations}. Tokens and PKCE verifiers are sealed by the {@link SecretBox}, bound
 * to the account id and their purpose, so a sealed value moved to another row or column does not
 * open. Changes made on an operator's behalf are audited in the same transaction. Thread-safe.
 */
public final class OAuthStore {

    private static final String COLUMNS = "SELECT id, account_type, oauth_status, access_sealed, refresh_sealed, "
            + "token_expires_at, oauth_refreshed_at, oauth_error FROM upstream_accounts ";
    private static final String LIVE = "deleted_at IS NULL AND oauth_status IS NOT NULL";
    private static final int MAX_ERROR = 1000;

    private final Database db;
    private final SecretBox box;
    private final AuditLog audit;

    public OAuthStore(Database db, SecretBox box, AuditLog audit) {
        this.db = db;
        this.box = box;
        this.audit = audit;
    }

    Database db() {
        return db;
    }

    AuditLog audit() {
        return audit;
    }

    Optional<TokenState> load(String id) {
        return db.execute().get(COLUMNS + "WHERE id = ? AND " + LIVE, id).map(this::read);
    }

    /** Every live OAuth account, in id order. */
    List<TokenState> all() {
        return db.execute().query(COLUMNS + "WHERE " + LIVE + " ORDER BY id").map(this::read).toList();
    }

    /** The account's row, locked until {@code tx} ends: one refresh at a time across instances. */
    Optional<TokenState> lock(DbExecute tx, String id) {
        return tx.get(COLUMNS + "WHERE id = ? AND " + LIVE + " FOR UPDATE", id).map(this::read);
    }

    void saveTokens(DbExecute tx, String id, TokenSet t, Instant now) {
        tx.update("UPDATE upstream_accounts SET oauth_status = 'active', access_sealed = ?, refresh_sealed = ?, "
                + "token_expires_at = ?, oauth_refreshed_at = ?, oauth_error = NULL, updated_at = ? WHERE id = ?",
                box.seal(t.accessToken(), id + "#access"),
                t.refreshToken().map(r -> box.seal(r, id + "#refresh")).orElse(null),
                Rows.time(t.expiresAt()), Rows.time(now), Rows.time(now), id);
    }

    /** Records a failed refresh; a revoked grant also drops the tokens and marks the account revoked. */
    void saveFailure(DbExecute tx, String id, String error, boolean revoked, Instant now) {
        String e = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        if (revoked) {
            tx.update("UPDATE upstream_accounts SET oauth_status = 'revoked', access_sealed = NULL, "
                    + "refresh_sealed = NULL, oauth_error = ?, updated_at = ? WHERE id = ?", e, Rows.time(now), id);
        } else {
            tx.update("UPDATE upstream_accounts SET oauth_error = ? WHERE id = ?", e, id);
        }
    }

    /** Stores tokens from a code exchange: the account becomes active. */
    void authorize(Actor actor, String id, TokenSet t, Instant now) {
        db.inTransaction(tx -> {
            saveTokens(tx, id, t, now);
            audit.append(tx, AuditEntry.of(actor, "account.oauth_authorize", "account", id)
                    .with("expires_at", t.expiresAt().toString())
                    .with("refresh_token", t.refreshToken().isPresent()));
        });
    }

    /** Keeps a started authorization (replacing the account's earlier one) until {@code expires}. */
    void startAuthorization(Actor actor, String id, String state, String verifier, Instant now, Instant expires) {
        String hash = Pkce.sha256Hex(state);
        db.inTransaction(tx -> {
            tx.delete("DELETE FROM oauth_authorizations WHERE account_id = ? OR expires_at < ?", id, Rows.time(now));
            tx.insert("INSERT INTO oauth_authorizations (state_hash, account_id, verifier_sealed, created_at, "
                    + "expires_at) VALUES (?, ?, ?, ?, ?)", hash, id, box.seal(verifier, id + "#pkce:" + hash),
                    Rows.time(now), Rows.time(expires));
            audit.append(tx, AuditEntry.of(actor, "account.oauth_start", "account", id)
                    .with("expires_at", expires.toString()));
        });
    }

    /**
     * The PKCE verifier of the account's authorization with this state, used up by this call; empty
     * when there is none (unknown state, another account's, or expired).
     */
    Optional<String> takeAuthorization(String id, String state, Instant now) {
        String hash = Pkce.sha256Hex(state);
        return db.transaction(tx -> {
            Optional<DbRow> row = tx.get("SELECT account_id, verifier_sealed, expires_at FROM oauth_authorizations "
                    + "WHERE state_hash = ? FOR UPDATE", hash);
            if (row.isEmpty() || !Rows.requiredString(row.get(), "account_id").equals(id)) {
                return Optional.<String>empty();
            }
            tx.delete("DELETE FROM oauth_authorizations WHERE state_hash = ?", hash);
            if (!Rows.requiredInstant(row.get(), "expires_at").isAfter(now)) {
                return Optional.<String>empty();
            }
            return Optional.of(box.open(Rows.requiredString(row.get(), "verifier_sealed"), id + "#pkce:" + hash));
        });
    }

    private TokenState read(DbRow r) {
        String id = Rows.requiredString(r, "id");
        Optional<String> access = Rows.string(r, "access_sealed").map(s -> box.open(s, id + "#access"));
        Optional<String> refresh = Rows.string(r, "refresh_sealed").map(s -> box.open(s, id + "#refresh"));
        Optional<Instant> expires = Rows.instant(r, "token_expires_at");
        Optional<TokenSet> tokens = access.isPresent() && expires.isPresent()
                ? Optional.of(new TokenSet(access.get(), refresh, expires.get())) : Optional.empty();
        return new TokenState(id, Rows.requiredString(r, "account_type"),
                OAuthStatus.of(Rows.requiredString(r, "oauth_status")), tokens, Rows.instant(r, "oauth_refreshed_at"),
                Rows.string(r, "oauth_error"));
    }
}
