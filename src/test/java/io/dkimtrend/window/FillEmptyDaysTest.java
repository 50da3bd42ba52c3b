package io.dkimtrend.window;

import static io.dkimtrend.window.Emails.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.DayMetric;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FillEmptyDaysTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private KeyedOneInputStreamOperatorTestHarness<String, DayMetric, DayMetric> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FillEmptyDays(UTC)), metric -> metric.series, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void daysWithoutEmailBetweenDaysWithDataGetZeroRecords() throws Exception {
        day("2026-11-01", 5, true);
        day("2026-11-02", 7, true);
        day("2026-11-05", 3, true);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(describe(harness.extractOutputValues()))
                .containsExactly("2026-11-01 5 rev1", "2026-11-02 7 rev1", "2026-11-05 3 rev1",
                        "2026-11-03 0 rev0", "2026-11-04 0 rev0");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void atTheEndOfInputTheSeriesStopsAtTheLastDayWithData() throws Exception {
        day("2026-11-01", 5, true);
        harness.processWatermark(millis("2026-11-01T23:59:59.999Z"));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(describe(harness.extractOutputValues())).containsExactly("2026-11-01 5 rev1");
    }

    @Test
    void whileTheStreamRunsAQuietDayClosesWithItsZeroRecord() throws Exception {
        day("2026-11-01", 5, true);
        harness.processWatermark(millis("2026-11-01T23:59:59.999Z"));
        harness.processWatermark(millis("2026-11-02T23:59:59.998Z"));
        assertThat(describe(harness.extractOutputValues())).containsExactly("2026-11-01 5 rev1");

        harness.processWatermark(millis("2026-11-03T00:00:00Z"));
        assertThat(describe(harness.extractOutputValues())).containsExactly("2026-11-01 5 rev1", "2026-11-02 0 rev0");
    }

    @Test
    void runningRecordsAndLateCorrectionsPassThroughWithoutFilling() throws Exception {
        day("2026-11-01", 5, true);
        harness.processWatermark(millis("2026-11-02T00:00:00Z"));
        day("2026-11-02", 2, false);
        day("2026-11-01", 6, true);

        assertThat(describe(harness.extractOutputValues()))
                .containsExactly("2026-11-01 5 rev1", "2026-11-02 2 rev1", "2026-11-01 6 rev1");
    }

    @Test
    void eachSeriesIsFilledFromItsOwnFirstDayToItsOwnLastDay() throws Exception {
        day("all", "2026-11-01", 9, true);
        day("tenant-a", "2026-11-01", 5, true);
        day("tenant-b", "2026-11-03", 4, true);
        day("all", "2026-11-03", 4, true);
        day("tenant-a", "2026-11-04", 2, true);
        day("all", "2026-11-04", 2, true);
        day("tenant-b", "2026-11-06", 1, true);
        day("all", "2026-11-06", 1, true);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues().stream().filter(m -> m.revision == 0)
                .map(m -> m.series + " " + m.day).sorted().toList()).containsExactly(
                        "all 2026-11-02", "all 2026-11-05",
                        "tenant-a 2026-11-02", "tenant-a 2026-11-03",
                        "tenant-b 2026-11-04", "tenant-b 2026-11-05");
    }

    private void day(String day, long emails, boolean isFinal) throws Exception {
        day("all", day, emails, isFinal);
    }

    private void day(String series, String day, long emails, boolean isFinal) throws Exception {
        DayMetric metric = CalendarDays.emptyMetric(series, LocalDate.parse(day), UTC);
        metric.emails = emails;
        metric.isFinal = isFinal;
        metric.revision = 1;
        harness.processElement(new StreamRecord<>(metric, CalendarDays.end(LocalDate.parse(day), UTC) - 1));
    }

    private static List<String> describe(List<DayMetric> days) {
        return days.stream().map(m -> m.day + " " + m.emails + " rev" + m.revision).toList();
    }
}
