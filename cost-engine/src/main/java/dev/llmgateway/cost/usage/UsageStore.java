package dev.llmgateway.cost.usage;

import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.event.UsageSink;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The usage store: raw events, idempotent by id, and hourly and daily rollups by organization, team,
 * key, model and provider, all in one transaction per batch. Only events that were newly inserted
 * are added to the rollups, so a redelivery changes nothing. Ingestion is plain JDBC on one pooled
 * connection (from the Helidon DB client's pool) with a manual transaction, because the DB client has
 * no batch statement and does not hand out its transaction's connection. Two writers racing on the
 * same event or rollup row make one transaction fail on a unique key; the batch is then retried
 * (the second time the event is found and skipped). Thread-safe.
 */
public final class UsageStore implements UsageSink {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");
    private static final String[] ROLLUPS = {"usage_hourly", "usage_daily"};

    private final Database db;

    public UsageStore(Database db) {
        this.db = db;
    }

    @Override
    public void accept(List<UsageEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection c = db.execute().unwrap(Connection.class)) {
                c.setAutoCommit(false);
                try {
                    store(c, batch);
                    c.commit();
                    return;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException | RuntimeException e) {
                // typically a concurrent writer won a unique key; the retry sees its rows
                last = e instanceof RuntimeException r ? r : new IllegalStateException("usage store: " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private void store(Connection tx, List<UsageEvent> batch) throws SQLException {
        Map<String, UsageEvent> byId = new LinkedHashMap<>();
        batch.forEach(e -> byId.putIfAbsent(e.id(), e));
        List<UsageEvent> fresh;
        if (db.kind() == dev.llmgateway.store.DatabaseKind.POSTGRESQL) {
            // one statement: insert what is new, skip what exists, and say which rows went in
            Set<String> inserted = insertNew(tx, new ArrayList<>(byId.values()));
            fresh = byId.values().stream().filter(e -> inserted.contains(e.id())).toList();
        } else {
            Set<String> existing = existing(tx, byId.keySet());
            fresh = byId.values().stream().filter(e -> !existing.contains(e.id())).toList();
            if (!fresh.isEmpty()) {
                insertRaw(tx, fresh);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        for (String table : ROLLUPS) {
            Map<List<Object>, Totals> groups = new LinkedHashMap<>();
            for (UsageEvent e : fresh) {
                Instant bucket = e.occurredAt().truncatedTo(table.equals("usage_hourly") ? ChronoUnit.HOURS : ChronoUnit.DAYS);
                groups.computeIfAbsent(List.of(bucket, e.orgId(), e.teamId(), e.keyId(), e.model(), e.provider()),
                        k -> new Totals()).add(e);
            }
            for (Map.Entry<List<Object>, Totals> g : groups.entrySet()) {
                upsert(tx, table, g.getKey(), g.getValue());
            }
        }
    }

    private static Set<String> existing(Connection tx, Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 200) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 200));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = tx.prepareStatement("SELECT id FROM usage_events WHERE id IN (" + marks + ")")) {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static final String COLUMNS = "INSERT INTO usage_events (id, occurred_at, request_id, org_id, team_id, "
            + "key_id, user_id, model, provider, account, input_tokens, output_tokens, cache_write_tokens, "
            + "cache_read_tokens, reasoning_tokens, cost_usd, unpriced, latency_ms, status, outcome, routing_reason, "
            + "cache_hit) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** PostgreSQL: a multi-row insert that skips ids already stored and returns the ids it inserted. */
    private static Set<String> insertNew(Connection c, List<UsageEvent> events) throws SQLException {
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < events.size(); from += 500) {
            List<UsageEvent> chunk = events.subList(from, Math.min(events.size(), from + 500));
            String sql = COLUMNS + String.join(", ", java.util.Collections.nCopies(chunk.size(), ROW))
                    + " ON CONFLICT DO NOTHING RETURNING id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (UsageEvent e : chunk) {
                    i = bindEvent(ps, i, e);
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
            }
        }
        return inserted;
    }

    private static void insertRaw(Connection c, List<UsageEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + ROW)) {
            for (UsageEvent e : events) {
                bindEvent(ps, 1, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds one event's 22 columns from parameter {@code i}; returns the next parameter index. */
    private static int bindEvent(PreparedStatement ps, int start, UsageEvent e) throws SQLException {
        int i = start;
        ps.setString(i++, e.id());
        ps.setObject(i++, Rows.time(e.occurredAt()));
        ps.setString(i++, e.requestId());
        ps.setString(i++, e.orgId());
        ps.setString(i++, e.teamId());
        ps.setString(i++, e.keyId());
        ps.setString(i++, e.userId());
        ps.setString(i++, e.model());
        ps.setString(i++, e.provider());
        ps.setString(i++, e.account());
        ps.setLong(i++, e.tokens().input());
        ps.setLong(i++, e.tokens().output());
        ps.setLong(i++, e.tokens().cacheWrite());
        ps.setLong(i++, e.tokens().cacheRead());
        ps.setLong(i++, e.tokens().reasoning());
        ps.setBigDecimal(i++, e.costUsd());
        ps.setBoolean(i++, e.unpriced());
        ps.setLong(i++, e.latencyMillis());
        ps.setInt(i++, e.status());
        ps.setString(i++, e.outcome());
        ps.setString(i++, e.routingReason().length() > 2000 ? e.routingReason().substring(0, 2000)
                : e.routingReason());
        ps.setBoolean(i++, e.cacheHit());
        return i;
    }

    private static void upsert(Connection tx, String table, List<Object> key, Totals t) throws SQLException {
        Object[] totals = {t.requests, t.errors, t.input, t.output, t.cacheWrite, t.cacheRead, t.reasoning, t.cost};
        Object[] keys = {Rows.time((Instant) key.get(0)), key.get(1), key.get(2), key.get(3), key.get(4), key.get(5)};
        int n;
        try (PreparedStatement ps = tx.prepareStatement("UPDATE " + table + " SET requests = requests + ?, "
                + "errors = errors + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, "
                + "cache_write_tokens = cache_write_tokens + ?, cache_read_tokens = cache_read_tokens + ?, "
                + "reasoning_tokens = reasoning_tokens + ?, cost_usd = cost_usd + ? WHERE bucket = ? AND org_id = ? "
                + "AND team_id = ? AND key_id = ? AND model = ? AND provider = ?")) {
            bind(ps, 1, totals);
            bind(ps, 1 + totals.length, keys);
            n = ps.executeUpdate();
        }
        if (n == 0) {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO " + table + " (bucket, org_id, team_id, key_id, "
                    + "model, provider, requests, errors, input_tokens, output_tokens, cache_write_tokens, "
                    + "cache_read_tokens, reasoning_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, 1, keys);
                bind(ps, 1 + keys.length, totals);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, int from, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(from + i, values[i]);
        }
    }

    /** Deletes raw events older than {@code before} (rollups stay); returns how many. */
    public long deleteRawBefore(Instant before) {
        long n = db.execute().delete("DELETE FROM usage_events WHERE occurred_at < ?", Rows.time(before));
        LOG.info(() -> "usage retention: deleted " + n + " raw event(s) before " + before);
        return n;
    }

    /** Raw events stored (for tests and health). */
    public long count() {
        return db.execute().get("SELECT COUNT(*) AS n FROM usage_events").map(r -> Rows.requiredLong(r, "n")).orElse(0L);
    }

    private static final class Totals {
        long requests;
        long errors;
        long input;
        long output;
        long cacheWrite;
        long cacheRead;
        long reasoning;
        BigDecimal cost = BigDecimal.ZERO;

        void add(UsageEvent e) {
            requests++;
            if (!e.outcome().equals("ok")) {
                errors++;
            }
            input += e.tokens().input();
            output += e.tokens().output();
            cacheWrite += e.tokens().cacheWrite();
            cacheRead += e.tokens().cacheRead();
            reasoning += e.tokens().reasoning();
            cost = cost.add(e.costUsd());
        }
    }
}
