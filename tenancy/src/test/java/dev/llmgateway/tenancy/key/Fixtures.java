package dev.llmgateway.tenancy.key;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Changes;
import java.time.Instant;

/** Rows other features own (organizations, teams), written with plain SQL. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private Fixtures() {
    }

    static void org(Database db, String id, String status) {
        db.execute().insert("INSERT INTO organizations (id, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, "Org " + id, status, Rows.time(T0), Rows.time(T0));
    }

    static void team(Database db, String id, String orgId) {
        db.execute().insert("INSERT INTO teams (id, org_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, orgId, "Team " + id, Rows.time(T0), Rows.time(T0));
    }

    /** Changes the organization's status the way the organization service would: with a change-feed row. */
    static void orgStatus(Database db, String id, String status, Instant at) {
        db.inTransaction(tx -> {
            tx.update("UPDATE organizations SET status = ?, updated_at = ? WHERE id = ?", status, Rows.time(at), id);
            Changes.record(tx, Changes.Entity.ORG, id, at);
        });
    }
}
