package io.dkimtrend.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarDayWindowsTest {

    @ParameterizedTest(name = "{1} in {0}: {2} .. {3} ({4} h)")
    @CsvSource(delimiter = '|', textBlock = """
            UTC           | 2026-11-03T00:00:00Z     | 2026-11-03T00:00:00Z | 2026-11-04T00:00:00Z | 24
            UTC           | 2026-11-03T23:59:59.999Z | 2026-11-03T00:00:00Z | 2026-11-04T00:00:00Z | 24
            Europe/Berlin | 2026-11-03T23:30:00Z     | 2026-11-03T23:00:00Z | 2026-11-04T23:00:00Z | 24
            Europe/Berlin | 2026-07-18T22:30:00Z     | 2026-07-18T22:00:00Z | 2026-07-19T22:00:00Z | 24
            Europe/Berlin | 2026-10-25T12:00:00Z     | 2026-10-24T22:00:00Z | 2026-10-25T23:00:00Z | 25
            Europe/Berlin | 2026-03-29T12:00:00Z     | 2026-03-28T23:00:00Z | 2026-03-29T22:00:00Z | 23
            America/New_York | 2026-11-01T04:30:00Z  | 2026-11-01T04:00:00Z | 2026-11-02T05:00:00Z | 25
            Asia/Kolkata  | 2026-11-03T18:29:59Z     | 2026-11-02T18:30:00Z | 2026-11-03T18:30:00Z | 24
            """)
    void assignsTheCalendarDayOfTheZone(String zone, String event, String start, String end, long hours) {
        CalendarDayWindows windows = CalendarDayWindows.of(ZoneId.of(zone));
        TimeWindow window = windows.assignWindows(null, Instant.parse(event).toEpochMilli(), null).iterator().next();
        assertThat(Instant.ofEpochMilli(window.getStart())).isEqualTo(Instant.parse(start));
        assertThat(Instant.ofEpochMilli(window.getEnd())).isEqualTo(Instant.parse(end));
        assertThat(Duration.ofMillis(window.getEnd() - window.getStart()).toHours()).isEqualTo(hours);
    }

    @ParameterizedTest(name = "consecutive events {0} then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-03T10:00:00Z | 2026-11-02T23:59:59Z | 2026-11-02T00:00:00Z
            2026-11-03T10:00:00Z | 2026-11-04T00:00:00Z | 2026-11-04T00:00:00Z
            2026-11-03T10:00:00Z | 2026-11-03T23:00:00Z | 2026-11-03T00:00:00Z
            """)
    void theRememberedDayNeverLeaksIntoTheNext(String first, String second, String secondStart) {
        CalendarDayWindows windows = CalendarDayWindows.of(ZoneId.of("UTC"));
        windows.assignWindows(null, Instant.parse(first).toEpochMilli(), null);
        TimeWindow window = windows.assignWindows(null, Instant.parse(second).toEpochMilli(), null).iterator().next();
        assertThat(Instant.ofEpochMilli(window.getStart())).isEqualTo(Instant.parse(secondStart));
    }
}
