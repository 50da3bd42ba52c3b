package io.dkimtrend.parse;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads an EmailEvents {@code Timestamp}: ISO-8601 with {@code Z}, an offset, or no zone (UTC), and
 * any number of fractional digits ({@code 14:08:56Z}, {@code 14:08:56.4355135Z}, {@code +02:00}).
 */
public final class EventTimes {

    /** Returned for a value that is not such a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private EventTimes() {}

    /** Epoch milliseconds of the value, or {@link #INVALID}. */
    public static long parseMillis(String value) {
        if (value == null) {
            return INVALID;
        }
        String text = value.trim();
        // Advanced Hunting's CSV export writes a space between date and time.
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime withOffset) {
                return withOffset.toInstant().toEpochMilli();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }
}
