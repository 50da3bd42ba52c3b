package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {

    @ParameterizedTest(name = "{0} .. {1} in {2}: {3} .. {4}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-10-10           | 2026-10-20           | UTC           | 2026-10-10T00:00:00Z | 2026-10-20T00:00:00Z
            2026-10-10T12:00:00Z | 2026-10-20T00:00:01Z | UTC           | 2026-10-10T00:00:00Z | 2026-10-21T00:00:00Z
            2026-10-10T12:00     | 2026-10-10T13:00     | UTC           | 2026-10-10T00:00:00Z | 2026-10-11T00:00:00Z
            2026-10-24           | 2026-10-26           | Europe/Berlin | 2026-10-23T22:00:00Z | 2026-10-25T23:00:00Z
            2026-10-24T23:30:00Z | 2026-10-25T00:00:00Z | Europe/Berlin | 2026-10-24T22:00:00Z | 2026-10-25T23:00:00Z
            """)
    void widensToWholeDaysOfTheZone(String from, String until, String zone, String start, String end) {
        TimeRange range = TimeRange.wholeDays(from, until, ZoneId.of(zone));
        assertThat(range.start()).isEqualTo(Instant.parse(start));
        assertThat(range.end()).isEqualTo(Instant.parse(end));
    }

    @ParameterizedTest(name = "{0} .. {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-10-20 | 2026-10-10 | --until must be after --from
            2026-10-20 | 2026-10-20 | --until must be after --from
            yesterday  | 2026-10-10 | --from: not a date or instant
            """)
    void rejectsRangesThatCannotBe(String from, String until, String message) {
        assertThatThrownBy(() -> TimeRange.wholeDays(from, until, ZoneId.of("UTC"))).hasMessageContaining(message);
    }
}
