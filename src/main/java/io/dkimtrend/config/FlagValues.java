package io.dkimtrend.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.util.TimeUtils;

/**
 * Turns the text of a flag's value into the value, with an error that names the flag: the
 * exceptions of the underlying parsers say neither which flag was wrong nor what it takes.
 */
final class FlagValues {

    private FlagValues() {}

    static int integer(Flag flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag.name + ": not a whole number: " + value);
        }
    }

    static long wholeNumber(Flag flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag.name + ": not a whole number: " + value);
        }
    }

    static double number(Flag flag, String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag.name + ": not a number: " + value);
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("--" + flag.name + ": not a finite number: " + value);
        }
        return number;
    }

    /** Flink's form ({@code 30 s}, {@code 10 min}, {@code 36 h}, {@code 2 d}) or ISO-8601 ({@code PT10M}). */
    static Duration duration(Flag flag, String value) {
        try {
            return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value) : TimeUtils.parseDuration(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + flag.name + ": not a duration: " + value);
        }
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone: unknown time zone " + id);
        }
    }

    /** {@code --series-by}: whether each tenant gets a series of its own beside {@code all}. */
    static boolean seriesByTenant(String value) {
        return switch (value) {
            case "all" -> false;
            case "tenant" -> true;
            default -> throw new IllegalArgumentException("--series-by must be all or tenant: " + value);
        };
    }
}
