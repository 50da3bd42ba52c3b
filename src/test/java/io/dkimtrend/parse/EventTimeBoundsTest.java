package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The latest event time accepted with the wall clock at {@link #NOW}, and the years accepted at all. */
class EventTimeBoundsTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "skew {0} -> latest {1}, named {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S                   | 2026-11-27T12:00:00Z      | 0 ms
            PT0.001S               | 2026-11-27T12:00:00.001Z  | 1 ms
            PT2H                   | 2026-11-27T14:00:00Z      | 2 h
            P1D                    | 2026-11-28T12:00:00Z      | 1 d
            PT9223372036854775S    | saturated                 | 9223372036854775 s
            PT9223372036854775807S | saturated                 | 9223372036854775807 s
            """)
    void theLatestEventTimeIsTheWallClockPlusTheSkewSaturating(String skew, String latest, String named) {
        EventTimeBounds bounds = new EventTimeBounds(Duration.parse(skew), Clock.fixed(NOW, ZoneOffset.UTC));
        long expected = latest.equals("saturated") ? Long.MAX_VALUE : Instant.parse(latest).toEpochMilli();
        assertThat(bounds.latestAcceptedNow()).isEqualTo(expected);
        assertThat(bounds.maxFutureSkewText()).isEqualTo(named);
    }

    @ParameterizedTest(name = "{0} in range: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1970-01-01T00:00:00Z      | false
            1999-12-31T23:59:59.999Z  | false
            2000-01-01T00:00:00Z      | true
            2026-11-27T12:00:00Z      | true
            2099-12-31T23:59:59.999Z  | true
            2100-01-01T00:00:00Z      | false
            """)
    void onlyTheYears2000To2099AreInRange(String time, boolean inRange) {
        assertThat(EventTimeBounds.inCalendarRange(Instant.parse(time).toEpochMilli())).isEqualTo(inRange);
    }
}
