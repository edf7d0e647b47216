package dev.llmgateway.tenancy.quota;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** The calendar period a limit covers, in UTC: a month or a year. */
public enum Period {
    MONTH, YEAR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period containing {@code at}, as stored in {@code quota_usage.period_key}: {@code 2026-11} or {@code 2026}. */
    public String key(Instant at) {
        ZonedDateTime z = at.atZone(ZoneOffset.UTC);
        return this == MONTH ? String.format(Locale.ROOT, "%04d-%02d", z.getYear(), z.getMonthValue())
                : String.format(Locale.ROOT, "%04d", z.getYear());
    }

    /** The first instant of the period containing {@code at}. */
    public Instant start(Instant at) {
        ZonedDateTime z = at.atZone(ZoneOffset.UTC);
        ZonedDateTime first = this == MONTH ? z.withDayOfMonth(1) : z.withDayOfYear(1);
        return first.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period containing {@code at}: when its counters start again from zero. */
    public Instant end(Instant at) {
        ZonedDateTime start = start(at).atZone(ZoneOffset.UTC);
        return (this == MONTH ? start.plusMonths(1) : start.plusYears(1)).toInstant();
    }
}
