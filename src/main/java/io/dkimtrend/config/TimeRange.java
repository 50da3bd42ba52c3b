package io.dkimtrend.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The days a backfill replays: {@code --from} and {@code --until} widened to whole calendar days of
 * the zone, so that a replay never writes a partial value over a day's complete one. The start is
 * inclusive, the end exclusive.
 */
public record TimeRange(Instant start, Instant end) implements Serializable {

    public static TimeRange wholeDays(String from, String until, ZoneId zone) {
        LocalDate first = parse(from, zone, "--from").atZone(zone).toLocalDate();
        Instant untilInstant = parse(until, zone, "--until");
        LocalDate last = untilInstant.minusMillis(1).atZone(zone).toLocalDate();
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--until must be after --from");
        }
        return new TimeRange(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public boolean contains(long epochMillis) {
        return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
    }

    public boolean containsDay(LocalDate day, ZoneId zone) {
        return contains(day.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    /** The range with {@code before} added at its start and {@code after} at its end. */
    public TimeRange widened(Duration before, Duration after) {
        return new TimeRange(start.minus(before), end.plus(after));
    }

    /** An instant ({@code 2026-10-10T12:00:00Z}), a local date-time or a date of the zone. */
    private static Instant parse(String value, ZoneId zone, String flag) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " is needed with " + (flag.equals("--from") ? "--until" : "--from"));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException(flag + ": not a date or instant: " + value);
                }
            }
        }
    }
}
