package io.dkimtrend.parse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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

    /**
     * The common form, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read digit by digit: java.time's
     * general parser costs more than the rest of a record's parsing. Anything else (offsets, no
     * zone, odd values) returns {@link #INVALID} and takes the general path.
     */
    static long parseUtcFast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) return INVALID;
            for (int i = 20; i < n - 1; i++) {
                int digit = s.charAt(i) - '0';
                if (digit < 0 || digit > 9) return INVALID;
                if (i < 23) millis = millis * 10 + digit;
            }
            for (int i = Math.min(n - 1, 23); i < 23; i++) millis *= 10;
        } else if (n != 20) {
            return INVALID;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The non-negative number in {@code s[from, from+count)}, or -1000000 if it holds a non-digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) return -1_000_000;
            value = value * 10 + digit;
        }
        return value;
    }

    /** Epoch milliseconds of the value, or {@link #INVALID}. */
    public static long parseMillis(String value) {
        if (value == null) {
            return INVALID;
        }
        long fast = parseUtcFast(value);
        if (fast != INVALID) {
            return fast;
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
