package dev.llmgateway.tenancy.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of client keys ({@code api_keys}, {@code api_key_retired_secrets}), portable between H2
 * and PostgreSQL. Every method takes the executor (a transaction or not) from the caller. Stateless.
 */
final class KeyRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** Which of a key's secrets a presented one is. */
    enum Match { CURRENT, PREVIOUS, RETIRED }

    /** What a hash lookup found: the key, which secret matched, whether its organization is live and active. */
    record Found(ClientKey key, Match match, boolean orgActive) {
    }

    private final Database db;

    KeyRepository(Database db) {
        this.db = db;
    }

    void insert(DbExecute tx, ClientKey k, String secretHash) {
        KeySettings s = k.settings();
        tx.insert("INSERT INTO api_keys (id, org_id, team_id, name, description, prefix, secret_hash, permission, "
                        + "allowed_models, allowed_cidrs, expires_at, rpm_limit, tpm_limit, concurrency_limit, status, "
                        + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                k.id(), k.orgId(), s.teamId().orElse(null), s.name(), s.description().orElse(null), k.prefix(),
                secretHash, s.permission().wire(), json(s.allowedModels()), json(s.allowedCidrs()),
                Rows.timeOrNull(s.expiresAt()), positiveInt(s.limits().requestsPerMinute()),
                positiveLong(s.limits().tokensPerMinute()), positiveInt(s.limits().maxConcurrency()),
                status(k.enabled()), k.createdBy(), Rows.time(k.createdAt()), Rows.time(k.updatedAt()));
    }

    /** The organization's live key, locked for the rest of the transaction when {@code lock}. */
    Optional<ClientKey> find(DbExecute exec, String orgId, String keyId, boolean lock) {
        return exec.get("SELECT * FROM api_keys WHERE id = ? AND org_id = ? AND deleted_at IS NULL"
                + (lock ? " FOR UPDATE" : ""), keyId, orgId).map(KeyRepository::read);
    }

    /** Writes the settings, the enabled flag and {@code updatedAt} of {@code k}. */
    void update(DbExecute tx, ClientKey k) {
        KeySettings s = k.settings();
        tx.update("UPDATE api_keys SET team_id = ?, name = ?, description = ?, permission = ?, allowed_models = ?, "
                        + "allowed_cidrs = ?, expires_at = ?, rpm_limit = ?, tpm_limit = ?, concurrency_limit = ?, "
                        + "status = ?, updated_at = ? WHERE id = ?",
                s.teamId().orElse(null), s.name(), s.description().orElse(null), s.permission().wire(),
                json(s.allowedModels()), json(s.allowedCidrs()), Rows.timeOrNull(s.expiresAt()),
                positiveInt(s.limits().requestsPerMinute()), positiveLong(s.limits().tokensPerMinute()),
                positiveInt(s.limits().maxConcurrency()), status(k.enabled()), Rows.time(k.updatedAt()), k.id());
    }

    /**
     * Makes {@code newHash} the key's secret; the current one becomes the previous secret, valid
     * until {@code previousValidUntil}; a still older previous secret is retired for good (kept
     * only so it is refused as rotated rather than unknown).
     */
    void rotate(DbExecute tx, String keyId, String newHash, String newPrefix, Instant previousValidUntil, Instant now) {
        tx.get("SELECT previous_hash FROM api_keys WHERE id = ?", keyId)
                .flatMap(r -> Rows.string(r, "previous_hash"))
                .ifPresent(old -> tx.insert("INSERT INTO api_key_retired_secrets (secret_hash, key_id, retired_at) "
                        + "VALUES (?, ?, ?)", old, keyId, Rows.time(now)));
        tx.update("UPDATE api_keys SET previous_hash = secret_hash, secret_hash = ?, prefix = ?, "
                        + "previous_valid_until = ?, rotated_at = ?, updated_at = ? WHERE id = ?",
                newHash, newPrefix, Rows.time(previousValidUntil), Rows.time(now), Rows.time(now), keyId);
    }

    void softDelete(DbExecute tx, String keyId, Instant now) {
        tx.update("UPDATE api_keys SET deleted_at = ?, updated_at = ? WHERE id = ?", Rows.time(now), Rows.time(now),
                keyId);
    }

    /** The organization's live keys matching {@code q}, newest first. */
    Page<ClientKey> page(String orgId, KeyQuery q, PageRequest page, Instant now) {
        StringBuilder where = new StringBuilder(" WHERE org_id = ? AND deleted_at IS NULL");
        List<Object> params = new ArrayList<>(List.of(orgId));
        q.nameContains().ifPresent(n -> {
            where.append(" AND LOWER(name) LIKE ? ESCAPE '\\'");
            params.add("%" + likeEscape(n.toLowerCase(Locale.ROOT)) + "%");
        });
        q.status().ifPresent(s -> {
            switch (s) {
                case ACTIVE -> where.append(" AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)");
                case DISABLED -> where.append(" AND status = 'disabled'");
                case EXPIRED -> where.append(" AND status = 'active' AND expires_at IS NOT NULL AND expires_at <= ?");
            }
            if (s != KeyStatus.DISABLED) {
                params.add(Rows.time(now));
            }
        });
        q.createdAfter().ifPresent(t -> {
            where.append(" AND created_at >= ?");
            params.add(Rows.time(t));
        });
        q.createdBefore().ifPresent(t -> {
            where.append(" AND created_at < ?");
            params.add(Rows.time(t));
        });
        q.teamId().ifPresent(t -> {
            where.append(" AND team_id = ?");
            params.add(t);
        });
        DbExecute exec = db.execute();
        long total = exec.createGet("SELECT COUNT(*) AS n FROM api_keys" + where).params(params).execute()
                .map(r -> Rows.requiredLong(r, "n")).orElse(0L);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.limit());
        pageParams.add(page.offset());
        List<ClientKey> items = exec.createQuery("SELECT * FROM api_keys" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?").params(pageParams).execute()
                .map(KeyRepository::read).toList();
        return new Page<>(items, total, page);
    }

    /** The key whose current, previous or retired secret has {@code hash}, deleted or not. */
    Optional<Found> lookup(String hash) {
        DbExecute exec = db.execute();
        Optional<Found> live = exec.get("SELECT k.*, o.status AS org_status, o.deleted_at AS org_deleted_at "
                        + "FROM api_keys k JOIN organizations o ON o.id = k.org_id "
                        + "WHERE k.secret_hash = ? OR k.previous_hash = ?", hash, hash)
                .map(r -> new Found(read(r), hash.equals(Rows.requiredString(r, "secret_hash")) ? Match.CURRENT
                        : Match.PREVIOUS, orgActive(r)));
        if (live.isPresent()) {
            return live;
        }
        return exec.get("SELECT k.*, o.status AS org_status, o.deleted_at AS org_deleted_at "
                        + "FROM api_key_retired_secrets x JOIN api_keys k ON k.id = x.key_id "
                        + "JOIN organizations o ON o.id = k.org_id WHERE x.secret_hash = ?", hash)
                .map(r -> new Found(read(r), Match.RETIRED, orgActive(r)));
    }

    /** Notes that the key was used at {@code at}, unless a later use is already noted. */
    void touch(String keyId, Instant at) {
        db.execute().update("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL "
                + "OR last_used_at < ?)", Rows.time(at), keyId, Rows.time(at));
    }

    /** The organization's status ({@code active}, {@code disabled}) unless it does not exist or is deleted. */
    Optional<String> orgStatus(DbExecute exec, String orgId) {
        return exec.get("SELECT status FROM organizations WHERE id = ? AND deleted_at IS NULL", orgId)
                .map(r -> Rows.requiredString(r, "status"));
    }

    boolean teamIsLive(DbExecute exec, String orgId, String teamId) {
        return exec.get("SELECT id FROM teams WHERE id = ? AND org_id = ? AND deleted_at IS NULL", teamId, orgId)
                .isPresent();
    }

    static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClientKey read(DbRow r) {
        KeySettings s = new KeySettings(Rows.requiredString(r, "name"), Rows.string(r, "description"),
                Rows.string(r, "team_id"), Permission.parse(Rows.requiredString(r, "permission"))
                .orElseThrow(() -> new IllegalStateException("unknown permission in api_keys")),
                strings(Rows.requiredString(r, "allowed_models")), strings(Rows.requiredString(r, "allowed_cidrs")),
                Rows.instant(r, "expires_at"), new RateLimits(Rows.longValue(r, "rpm_limit").orElse(0L).intValue(),
                Rows.longValue(r, "tpm_limit").orElse(0L),
                Rows.longValue(r, "concurrency_limit").orElse(0L).intValue()));
        return new ClientKey(Rows.requiredString(r, "id"), Rows.requiredString(r, "org_id"),
                Rows.requiredString(r, "prefix"), s, "active".equals(Rows.requiredString(r, "status")),
                Rows.requiredString(r, "created_by"), Rows.requiredInstant(r, "created_at"),
                Rows.requiredInstant(r, "updated_at"), Rows.instant(r, "rotated_at"), Rows.instant(r, "last_used_at"),
                Rows.instant(r, "previous_valid_until"), Rows.instant(r, "deleted_at"));
    }

    private static boolean orgActive(DbRow r) {
        return "active".equals(Rows.requiredString(r, "org_status")) && Rows.instant(r, "org_deleted_at").isEmpty();
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("api_keys holds a list that is not a JSON array of strings", e);
        }
    }

    private static String status(boolean enabled) {
        return enabled ? "active" : "disabled";
    }

    private static Integer positiveInt(int v) {
        return v > 0 ? v : null;
    }

    private static Long positiveLong(long v) {
        return v > 0 ? v : null;
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
