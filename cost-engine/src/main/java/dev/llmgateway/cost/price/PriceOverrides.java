package dev.llmgateway.cost.price;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Price overrides set through the admin API, versioned in {@code price_overrides}: the newest
 * version's document (price book JSON) is laid over the shipped catalogue and the configured file.
 * Only platform admins change them; every change is audited. Instances notice a new version by
 * polling {@link #latestVersion()}. Thread-safe.
 */
public final class PriceOverrides {

    /** A stored version: its number and the override book (empty document: no overrides). */
    public record Version(long version, String document, PriceBook book, String createdBy, Instant createdAt) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public PriceOverrides(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The newest version number, 0 when none was ever set. */
    public long latestVersion() {
        return db.execute().get("SELECT COALESCE(MAX(version), 0) AS v FROM price_overrides")
                .map(r -> Rows.requiredLong(r, "v")).orElse(0L);
    }

    public Optional<Version> current() {
        return db.execute().get("SELECT version, document, created_by, created_at FROM price_overrides "
                        + "WHERE version = (SELECT MAX(version) FROM price_overrides)")
                .map(r -> {
                    String doc = Rows.requiredString(r, "document");
                    return new Version(Rows.requiredLong(r, "version"), doc, PriceBook.parse(doc, "price overrides"),
                            Rows.requiredString(r, "created_by"), Rows.requiredInstant(r, "created_at"));
                });
    }

    /**
     * Replaces the overrides with {@code document} (a price book JSON document; {@code {"models": []}}
     * removes them all). Invalid documents are a 400 naming the entry and field.
     */
    public Version set(Actor actor, String document) {
        actor.requirePlatform("change prices");
        PriceBook book;
        try {
            book = PriceBook.parse(document, "body");
        } catch (IllegalArgumentException e) {
            throw TenancyException.invalid("models", e.getMessage() + ".");
        }
        String normalised = PriceBook.toJson(book.entries());
        Instant now = clock.instant();
        try {
            return store(actor, book, normalised, now);
        } catch (RuntimeException e) {
            if (Rows.uniqueViolation(e)) {
                throw TenancyException.conflict("price_conflict", "Another price change was saved at the same "
                        + "moment; read the prices and try again.");
            }
            throw e;
        }
    }

    private Version store(Actor actor, PriceBook book, String normalised, Instant now) {
        return db.transaction(tx -> {
            long version = tx.get("SELECT COALESCE(MAX(version), 0) AS v FROM price_overrides")
                    .map(r -> Rows.requiredLong(r, "v")).orElse(0L) + 1;
            tx.insert("INSERT INTO price_overrides (version, document, created_by, created_at) VALUES (?, ?, ?, ?)",
                    version, normalised, actor.id(), Rows.time(now));
            audit.append(tx, AuditEntry.of(actor, "prices.override", "price_book", Long.toString(version))
                    .with("models", book.entries().size()));
            return new Version(version, normalised, book, actor.id(), now);
        });
    }
}
