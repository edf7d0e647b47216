package dev.llmgateway.store;

import io.helidon.dbclient.DbRow;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Column values read and parameters written the same way on H2 and PostgreSQL, whose drivers hand
 * back different Java types for the same SQL type. Times are stored as
 * {@code TIMESTAMP WITH TIME ZONE} and always bound in UTC.
 */
public final class Rows {

    private Rows() {
    }

    /** A time parameter. */
    public static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A nullable time parameter: {@code null} binds SQL NULL. */
    public static OffsetDateTime timeOrNull(Optional<Instant> instant) {
        return instant.map(Rows::time).orElse(null);
    }

    public static Optional<Instant> instant(DbRow row, String column) {
        Object v = raw(row, column);
        return Optional.ofNullable(v == null ? null : toInstant(v, column));
    }

    public static Instant requiredInstant(DbRow row, String column) {
        return instant(row, column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    public static Optional<String> string(DbRow row, String column) {
        Object v = raw(row, column);
        return Optional.ofNullable(v == null ? null : v.toString());
    }

    public static String requiredString(DbRow row, String column) {
        return string(row, column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    public static Optional<Long> longValue(DbRow row, String column) {
        Object v = raw(row, column);
        return Optional.ofNullable(v == null ? null : ((Number) v).longValue());
    }

    public static long requiredLong(DbRow row, String column) {
        return longValue(row, column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    public static Optional<BigDecimal> decimal(DbRow row, String column) {
        Object v = raw(row, column);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
    }

    public static boolean bool(DbRow row, String column) {
        Object v = raw(row, column);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    /**
     * The column's driver value, or {@code null} for SQL NULL ({@code DbColumn.get()} refuses NULL).
     */
    public static Object raw(DbRow row, String column) {
        return row.column(column).get(Object.class);
    }

    private static Instant toInstant(Object v, String column) {
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException(column + ": not a time value (" + v.getClass().getName() + ")");
    }

    /** True when {@code e} was caused by a unique-key violation (SQLSTATE 23505, the same on H2 and PostgreSQL). */
    public static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
