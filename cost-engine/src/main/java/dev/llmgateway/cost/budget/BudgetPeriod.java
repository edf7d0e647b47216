package dev.llmgateway.cost.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The period a budget covers, in UTC: a calendar day, an ISO week (Monday to Sunday), a calendar
 * month, or all time. Spending starts again from zero when a new period begins.
 */
public enum BudgetPeriod {
    DAY, WEEK, MONTH, TOTAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetPeriod> parse(String s) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(s)).findFirst();
    }

    /** The period containing {@code at} as stored: {@code 2026-12-04}, {@code 2026-W49}, {@code 2026-12} or {@code total}. */
    public String key(Instant at) {
        LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> d.toString();
            case WEEK -> String.format(Locale.ROOT, "%04d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
                    d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue());
            case TOTAL -> "total";
        };
    }

    /** The first instant of the period containing {@code at} (the epoch for {@link #TOTAL}). */
    public Instant start(Instant at) {
        LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> d;
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1);
            case TOTAL -> LocalDate.EPOCH;
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period containing {@code at} ends and spending starts from zero; empty for {@link #TOTAL}. */
    public Optional<Instant> end(Instant at) {
        LocalDate first = start(at).atZone(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> Optional.of(first.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            case WEEK -> Optional.of(first.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            case MONTH -> Optional.of(first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            case TOTAL -> Optional.empty();
        };
    }
}
