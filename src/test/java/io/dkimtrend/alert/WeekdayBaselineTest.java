package io.dkimtrend.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeekdayBaselineTest {

    /** Four weeks: 1,000 emails a weekday, 300 on weekends, 5% DKIM failures, a little noise. */
    static SortedMap<LocalDate, long[]> weeklyHistory(LocalDate firstDay, int days) {
        SortedMap<LocalDate, long[]> history = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = firstDay.plusDays(i);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            long emails = (weekend ? 300 : 1000) + (i % 3) * 20;
            long failures = emails / 20 + (i % 4) - 1;
            history.put(day, new long[] {emails, failures});
        }
        return history;
    }

    @ParameterizedTest(name = "{0} ({1}): {2} of {3} emails failed -> spike {4}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-02 | Monday   |  52 | 1000 | false
            2026-11-01 | Sunday   |  16 |  300 | false
            2026-11-02 | Monday   |  75 | 1000 | false
            2026-11-02 | Monday   | 100 | 1000 | true
            2026-11-02 | Monday   | 400 | 1000 | true
            2026-11-01 | Sunday   |  45 |  300 | true
            2026-11-01 | Sunday   |  52 |  300 | true
            """)
    void judgesCountsAgainstTheirWeekday(LocalDate day, String weekday, long failures, long emails, boolean spike) {
        WeekdayBaseline baseline = new WeekdayBaseline(weeklyHistory(day.minusDays(28), 28));
        assertThat(day.getDayOfWeek().toString()).isEqualToIgnoringCase(weekday);
        assertThat(baseline.count(day, failures, 3.5).above(3.5)).isEqualTo(spike);
    }

    @ParameterizedTest(name = "a Monday after a Sunday: {0} of {1} emails failed -> expected about {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-02 | 1000 | 50
            2026-11-01 |  300 | 15
            """)
    void expectsWhatTheWeekdayUsuallyBrings(LocalDate day, long emails, double expected) {
        WeekdayBaseline baseline = new WeekdayBaseline(weeklyHistory(day.minusDays(28), 28));
        assertThat(baseline.count(day, 0, 3.5).expected()).isCloseTo(expected, org.assertj.core.data.Offset.offset(4.0));
        assertThat(baseline.coversEveryWeekday()).isTrue();
    }

    @ParameterizedTest(name = "ratio {0}/{1} -> spike {2}")
    @CsvSource(delimiter = '|', textBlock = """
            50  | 1000 | false
            70  | 1000 | false
            120 | 1000 | true
            8   |  100 | false
            30  |  100 | true
            """)
    void judgesTheRatioWithTheNoiseOfTheDaysVolume(long failures, long emails, boolean spike) {
        WeekdayBaseline baseline = new WeekdayBaseline(weeklyHistory(LocalDate.of(2026, 10, 5), 28));
        assertThat(baseline.ratio(emails, failures, 3.5).above(3.5)).isEqualTo(spike);
    }

    @ParameterizedTest(name = "{0} days of history cover every weekday: {1}")
    @CsvSource({"6, false", "7, true", "28, true"})
    void knowsWhenEveryWeekdayWasSeen(int days, boolean covered) {
        assertThat(new WeekdayBaseline(weeklyHistory(LocalDate.of(2026, 10, 5), days)).coversEveryWeekday())
                .isEqualTo(covered);
    }
}
