package io.dkimtrend.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.util.TimeUtils;

/**
 * The event times a record may carry. Outside them a record is a dead letter: Defender has no mail
 * from before 2000, and a Timestamp far ahead would make every day up to it a filled empty day. One
 * further ahead of the wall clock than the allowed skew would, parsed inside the sources, move its
 * partition's watermark ahead and make every later real email late.
 */
final class EventTimeBounds {

    static final long EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Exclusive. */
    static final long LATEST_EVENT_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private final long maxFutureSkewMillis;
    private final String maxFutureSkewText;
    private final Clock clock;

    EventTimeBounds(Duration maxFutureSkew, Clock clock) {
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("a negative future skew: " + maxFutureSkew);
        }
        this.maxFutureSkewMillis = saturatedMillis(maxFutureSkew);
        this.maxFutureSkewText = TimeUtils.formatWithHighestUnit(maxFutureSkew);
        this.clock = clock;
    }

    static boolean inCalendarRange(long eventTime) {
        return eventTime >= EARLIEST_EVENT_TIME && eventTime < LATEST_EVENT_TIME;
    }

    /** The latest event time accepted now; read once per message, so one message meets one clock. */
    long latestAcceptedNow() {
        long now = clock.millis();
        return now > Long.MAX_VALUE - maxFutureSkewMillis ? Long.MAX_VALUE : now + maxFutureSkewMillis;
    }

    /** The allowed skew as the dead letters name it, such as {@code 1 d}. */
    String maxFutureSkewText() {
        return maxFutureSkewText;
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
