package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-07-18T14:08:56Z              | 2026-07-18T14:08:56Z
            2026-07-18T14:08:56.4355135Z      | 2026-07-18T14:08:56.435Z
            2026-07-18T14:08:56.9999999Z      | 2026-07-18T14:08:56.999Z
            2026-07-18T14:08:56+02:00         | 2026-07-18T12:08:56Z
            2026-07-18T01:08:56.5-05:00       | 2026-07-18T06:08:56.500Z
            2026-07-18T14:08:56               | 2026-07-18T14:08:56Z
            2026-07-18T14:08:56.1234567       | 2026-07-18T14:08:56.123Z
            2026-07-18 14:08:56               | 2026-07-18T14:08:56Z
            '  2026-07-18T14:08:56Z '         | 2026-07-18T14:08:56Z
            2024-02-29T23:59:59.9Z            | 2024-02-29T23:59:59.900Z
            1969-12-31T23:59:59.5Z            | 1969-12-31T23:59:59.500Z
            2026-07-18T14:08:56.05Z           | 2026-07-18T14:08:56.050Z
            """)
    void readsEveryTimestampForm(String text, String expected) {
        assertThat(EventTimes.parseMillis(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest(name = "''{0}'' is not a timestamp")
    @CsvSource(delimiter = '|', textBlock = """
            yesterday
            2026-07-18
            2026-13-18T14:08:56Z
            14:08:56Z
            1752847736
            2026-07-18T14:08:5xZ
            ''
            """)
    void rejectsWhatIsNotATimestamp(String text) {
        assertThat(EventTimes.parseMillis(text == null ? "" : text)).isEqualTo(EventTimes.INVALID);
    }
}
