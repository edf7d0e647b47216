package dev.llmgateway.cost.usage;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How raw usage events are laid out, and the upkeep that goes with it:
 * <ul>
 *   <li>{@link Layout#MONTHLY_PARTITIONS} (PostgreSQL without TimescaleDB): {@code usage_events} is
 *       partitioned by range of {@code occurred_at}; {@link #ensure} creates one partition per month
 *       from last month to two months ahead (moving any rows the DEFAULT partition holds for that
 *       month into it), and retention drops whole months;</li>
 *   <li>{@link Layout#HYPERTABLE} (TimescaleDB installed when the schema was migrated): chunks are
 *       created by TimescaleDB and retention calls {@code drop_chunks};</li>
 *   <li>{@link Layout#PLAIN} (H2): one table; retention deletes rows.</li>
 * </ul>
 * Several instances may run the upkeep at once: PostgreSQL work is serialised by a transaction
 * advisory lock. Thread-safe.
 */
public final class UsagePartitions {

    /** The physical layout of {@code usage_events}. */
    public enum Layout { MONTHLY_PARTITIONS, HYPERTABLE, PLAIN }

    private static final Logger LOG = Logger.getLogger("llmgw.usage");
    private static final Pattern NAME = Pattern.compile("usage_events_p(\\d{4})_(\\d{2})");
    private static final long LOCK = 0x6c6c6d6777757370L; // "llmgwusp"

    private final Database db;
    private final Layout layout;

    private UsagePartitions(Database db, Layout layout) {
        this.db = db;
        this.layout = layout;
    }

    /** Detects the layout the migrations gave this database. */
    public static UsagePartitions of(Database db) {
        if (db.kind() != DatabaseKind.POSTGRESQL) {
            return new UsagePartitions(db, Layout.PLAIN);
        }
        boolean partitioned = db.execute().get("SELECT 1 AS x FROM pg_partitioned_table p JOIN pg_class c "
                + "ON c.oid = p.partrelid WHERE c.relname = 'usage_events' "
                + "AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())").isPresent();
        if (partitioned) {
            return new UsagePartitions(db, Layout.MONTHLY_PARTITIONS);
        }
        boolean timescale = db.execute().get("SELECT 1 AS x FROM pg_extension WHERE extname = 'timescaledb'")
                .isPresent();
        return new UsagePartitions(db, timescale ? Layout.HYPERTABLE : Layout.PLAIN);
    }

    public Layout layout() {
        return layout;
    }

    /**
     * Makes sure the monthly partitions from the month before {@code now} to two months after exist;
     * returns the ones created. A no-op for the other layouts.
     */
    public List<String> ensure(Instant now) {
        if (layout != Layout.MONTHLY_PARTITIONS) {
            return List.of();
        }
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        List<String> created = new ArrayList<>();
        for (int offset = -1; offset <= 2; offset++) {
            YearMonth m = current.plusMonths(offset);
            if (create(m)) {
                created.add(name(m));
            }
        }
        if (!created.isEmpty()) {
            LOG.info(() -> "usage partitions created: " + created);
        }
        return created;
    }

    /**
     * Drops whole partitions (or TimescaleDB chunks) that end at or before {@code cutoff}; the
     * remaining older rows are deleted by {@link UsageStore#deleteRawBefore}. Returns the partitions
     * dropped (chunks count as one).
     */
    public int dropBefore(Instant cutoff) {
        return switch (layout) {
            case PLAIN -> 0;
            case HYPERTABLE -> {
                db.execute().query("SELECT drop_chunks('usage_events', older_than => ?::timestamptz)",
                        Rows.time(cutoff)).toList();
                yield 1;
            }
            case MONTHLY_PARTITIONS -> {
                int dropped = 0;
                for (String p : partitions()) {
                    Matcher m = NAME.matcher(p);
                    if (m.matches()) {
                        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                        if (!end.isAfter(cutoff)) {
                            db.inTransaction(tx -> {
                                lock(tx);
                                tx.dml("DROP TABLE IF EXISTS " + p);
                            });
                            dropped++;
                        }
                    }
                }
                int n = dropped;
                if (n > 0) {
                    LOG.info(() -> "usage retention: dropped " + n + " monthly partition(s) before " + cutoff);
                }
                yield dropped;
            }
        };
    }

    /** The monthly partitions that exist now, oldest first. */
    public List<String> partitions() {
        if (layout != Layout.MONTHLY_PARTITIONS) {
            return List.of();
        }
        return db.execute().query("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'usage_events' "
                        + "AND p.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY c.relname")
                .map(r -> Rows.requiredString(r, "name")).filter(n -> NAME.matcher(n).matches()).toList();
    }

    /** Serialises partition upkeep across instances until the end of the transaction. */
    private static void lock(io.helidon.dbclient.DbExecute tx) {
        tx.query("SELECT 1 AS x FROM pg_advisory_xact_lock(" + LOCK + ")").toList();
    }

    static String name(YearMonth m) {
        return String.format(Locale.ROOT, "usage_events_p%04d_%02d", m.getYear(), m.getMonthValue());
    }

    /** Creates the month's partition unless it exists, taking over its rows from the DEFAULT partition. */
    private boolean create(YearMonth m) {
        String name = name(m);
        String from = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        return db.transaction(tx -> {
            lock(tx);
            if (tx.get("SELECT 1 AS x WHERE to_regclass(?) IS NOT NULL", name).isPresent()) {
                return false;
            }
            String range = "occurred_at >= TIMESTAMPTZ '" + from + "' AND occurred_at < TIMESTAMPTZ '" + to + "'";
            tx.dml("CREATE TABLE " + name + " (LIKE usage_events INCLUDING DEFAULTS)");
            tx.dml("INSERT INTO " + name + " SELECT * FROM usage_events_default WHERE " + range);
            tx.dml("DELETE FROM usage_events_default WHERE " + range);
            tx.dml("ALTER TABLE usage_events ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('"
                    + to + "')");
            return true;
        });
    }
}
