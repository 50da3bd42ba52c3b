package io.dkimtrend.sample;

import static io.dkimtrend.sample.Vocabulary.MONTHS;
import static io.dkimtrend.sample.Vocabulary.PROJECTS;
import static io.dkimtrend.sample.Vocabulary.THINGS;
import static io.dkimtrend.sample.Vocabulary.WEEKDAYS;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The small random draws every part of the generator shares. They take the {@link SplittableRandom}
 * of their caller, never one of their own, so that each part's sequence of draws (and with it the
 * committed bytes) depends only on the seed and the order of its own calls.
 */
final class RandomDraws {

    /** Relative mail volume per UTC hour: office hours, and much night mail around midnight UTC. */
    private static final int[] HOUR_WEIGHTS = {8, 6, 3, 2, 1, 2, 4, 7, 10, 11, 11, 10, 9, 10, 10, 9, 8, 6, 4, 3, 4, 5,
        8, 9};

    private RandomDraws() {}

    /** A version-4 GUID, as Defender writes NetworkMessageId, tenant and object ids. */
    static UUID guid(SplittableRandom r) {
        long high = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    static String hex(SplittableRandom r, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit(r.nextInt(16), 16));
        }
        return text.toString();
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A duration in 100 ns ticks (Defender's resolution) between {@code fromSeconds} and {@code toSeconds}. */
    static Duration ticks(SplittableRandom r, double fromSeconds, double toSeconds) {
        long from = (long) (fromSeconds * 10_000_000L);
        long to = (long) (toSeconds * 10_000_000L);
        return Duration.ofNanos(r.nextLong(from, to) * 100L);
    }

    /** Fills the placeholders of a {@link Vocabulary} template ({n}, {month}, {project}, ...). */
    static String fill(SplittableRandom r, String template) {
        return template.replace("{n}", Integer.toString(r.nextInt(10_000, 99_999)))
                .replace("{month}", pick(r, MONTHS))
                .replace("{project}", pick(r, PROJECTS))
                .replace("{thing}", pick(r, THINGS))
                .replace("{weekday}", pick(r, WEEKDAYS))
                .replace("{day}", Integer.toString(r.nextInt(1, 29)))
                .replace("{d}", Integer.toString(r.nextInt(1, 10)));
    }

    /** A uniformly random second of the UTC {@code day}, its hour weighted by {@link #HOUR_WEIGHTS}. */
    static Instant randomSecond(SplittableRandom r, LocalDate day) {
        int total = Arrays.stream(HOUR_WEIGHTS).sum();
        int x = r.nextInt(total);
        int hour = 0;
        while (x >= HOUR_WEIGHTS[hour]) {
            x -= HOUR_WEIGHTS[hour];
            hour++;
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + r.nextInt(3600));
    }

    static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
