package io.dkimtrend.sample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The forms a Timestamp takes in real exports, and the fixed forms of the export times. A job must
 * read every one of them as the same instant, so rows get them in realistic shares: mostly whole
 * seconds with {@code Z}, some with 7 fractional digits, some with an offset, some without zone.
 */
final class TimestampForms {

    static final DateTimeFormatter SECONDS_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** Also the form of the envelope's {@code time} and of other tables' Timestamp. */
    static final DateTimeFormatter FRACTION7_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** The form of {@code _TimeReceivedBySvc}. */
    static final DateTimeFormatter FRACTION7_NO_ZONE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_NO_ZONE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    /** A Timestamp as written and the instant it means (the fractional form adds sub-second ticks). */
    record Timestamp(Instant instant, String text) {}

    private TimestampForms() {}

    static Timestamp draw(SplittableRandom r, Instant second) {
        double t = r.nextDouble();
        if (t < 0.86) {
            return new Timestamp(second, SECONDS_Z.format(second));
        }
        if (t < 0.905) {
            Instant withTicks = second.plusNanos(r.nextInt(10_000_000) * 100L);
            return new Timestamp(withTicks, FRACTION7_Z.format(withTicks));
        }
        if (t < 0.955) {
            ZoneOffset offset = r.nextBoolean() ? ZoneOffset.ofHours(2) : ZoneOffset.ofHours(-5);
            return new Timestamp(second, SECONDS_OFFSET.format(second.atOffset(offset)));
        }
        return new Timestamp(second, SECONDS_NO_ZONE.format(second));
    }
}
