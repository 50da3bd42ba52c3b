package io.dkimtrend.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DomainFailures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spike detector on a synthetic series with a weekly rhythm (1,000 emails a weekday, 300 on
 * weekends, about 5% DKIM failures), driven day by day through the operator test harness.
 */
class SpikeDetectorTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalDate FIRST = LocalDate.of(2026, 9, 7); // a Monday
    private static final AlertSettings SETTINGS = new AlertSettings(28, 14, 3.5, 50, 10);

    private KeyedOneInputStreamOperatorTestHarness<String, DayMetric, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void spikesOfSeveralSizesAreFoundAndNoOtherDayAlerts() throws Exception {
        Map<Integer, Long> spikes = Map.of(30, 400L, 37, 150L, 44, 110L, 48, 45L); // day index -> failures; 48 is a Sunday
        for (int i = 0; i < 56; i++) {
            long[] day = normal(i);
            closeDay(i, day[0], spikes.getOrDefault(i, day[1]));
        }
        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.status).isEqualTo(Alert.CONFIRMED));
        assertThat(alerts.stream().filter(a -> a.metric.equals("dkimFail")).map(a -> a.day))
                .containsExactly(day(30), day(37), day(44), day(48));
        assertThat(alerts).noneMatch(a -> LocalDate.parse(a.day).getDayOfWeek() == DayOfWeek.MONDAY
                && !spikes.containsKey((int) (LocalDate.parse(a.day).toEpochDay() - FIRST.toEpochDay())));
        assertThat(alerts.stream().filter(a -> a.day.equals(day(30)) && a.metric.equals("dkimFail")).findFirst())
                .hasValueSatisfying(a -> assertThat(a.severity).isEqualTo("high"));
    }

    @Test
    void anOpenDayAboveItsBoundRaisesAPreliminaryAlertThenConfirmsIt() throws Exception {
        for (int i = 0; i < 28; i++) closeDay(i, normal(i)[0], normal(i)[1]);
        running(28, 400, 90);
        assertThat(statuses()).containsExactly(day(28) + " dkimFail preliminary", day(28) + " dkimFailRatio preliminary");
        closeDay(28, 1000, 160);
        assertThat(statuses()).endsWith(day(28) + " dkimFail confirmed", day(28) + " dkimFailRatio confirmed");
    }

    @Test
    void aPreliminaryAlertIsWithdrawnWhenTheDayEndsBelowItsBound() throws Exception {
        for (int i = 0; i < 28; i++) closeDay(i, normal(i)[0], normal(i)[1]);
        running(28, 100, 30);
        assertThat(statuses()).containsExactly(day(28) + " dkimFailRatio preliminary");
        closeDay(28, 1000, 52);
        assertThat(statuses()).containsExactly(day(28) + " dkimFailRatio preliminary", day(28) + " dkimFailRatio withdrawn");
    }

    @Test
    void theFirstDaysOfAStreamNeverAlert() throws Exception {
        for (int i = 0; i < 14; i++) closeDay(i, 1000, i == 8 || i == 13 ? 500 : 50);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRestartFromACheckpointKeepsTheBaseline() throws Exception {
        for (int i = 0; i < 20; i++) closeDay(i, normal(i)[0], normal(i)[1]);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        closeDay(20, 1000, 300);
        assertThat(statuses()).containsExactly(day(20) + " dkimFail confirmed", day(20) + " dkimFailRatio confirmed");
    }

    @Test
    void aSpikeOfOneSenderNamesThatSenderFirstThoughASteadySenderFailsMore() throws Exception {
        for (int i = 0; i < 28; i++) {
            long[] day = normal(i);
            harness.processElement(withDomains(record(i, day[0], day[1], true), day[1], 0));
            harness.processWatermark(CalendarDays.end(FIRST.plusDays(i), UTC) - 1);
        }
        long[] spikeDay = normal(28);
        harness.processElement(withDomains(record(28, spikeDay[0], spikeDay[1] + 36, true), spikeDay[1], 36));
        harness.processWatermark(CalendarDays.end(FIRST.plusDays(28), UTC) - 1);

        assertThat(harness.extractOutputValues()).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.status).isEqualTo(Alert.CONFIRMED);
            assertThat(alert.drivers).as(alert.metric).isNotEmpty().first().satisfies(driver -> {
                assertThat(driver.domain).isEqualTo("payroll-spoof.example");
                assertThat(driver.dkimFail).isEqualTo(36);
                assertThat(driver.expected).isZero();
            });
            assertThat(alert.drivers).extracting(d -> d.domain).doesNotContain("bulk.example");
        });
    }

    // --- the synthetic series -------------------------------------------------------------

    /** {emails, failures} of a normal day: the weekly rhythm with a little deterministic noise. */
    private static long[] normal(int index) {
        LocalDate day = FIRST.plusDays(index);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        long emails = (weekend ? 300 : 1000) + (index * 37 % 5) * 20;
        return new long[] {emails, emails / 20 + (index * 13 % 7) - 3};
    }

    private void running(int index, long emails, long failures) throws Exception {
        harness.processElement(record(index, emails, failures, false));
    }

    private void closeDay(int index, long emails, long failures) throws Exception {
        harness.processElement(record(index, emails, failures, true));
        harness.processWatermark(CalendarDays.end(FIRST.plusDays(index), UTC) - 1);
    }

    private static StreamRecord<DayMetric> record(int index, long emails, long failures, boolean isFinal) {
        LocalDate day = FIRST.plusDays(index);
        DayMetric metric = CalendarDays.emptyMetric("all", day, UTC);
        metric.emails = emails;
        metric.dkimFail = failures;
        metric.isFinal = isFinal;
        return new StreamRecord<>(metric, CalendarDays.end(day, UTC) - 1);
    }

    /**
     * Gives a day record its top list: a steady bulk sender with most of the failures (misconfigured
     * DKIM, every day), a rotating handful of others, and {@code spoofed} failures of one new sender.
     */
    private static StreamRecord<DayMetric> withDomains(StreamRecord<DayMetric> record, long usual, long spoofed) {
        DayMetric metric = record.getValue();
        List<DomainFailures> top = new ArrayList<>();
        long bulk = usual * 4 / 5;
        top.add(new DomainFailures("bulk.example", bulk, bulk * 3));
        if (spoofed > 0) top.add(new DomainFailures("payroll-spoof.example", spoofed, spoofed));
        int day = LocalDate.parse(metric.day).getDayOfYear();
        for (long rest = usual - bulk, k = 0; rest > 0; rest -= 2, k++) {
            top.add(new DomainFailures("sender-" + (day + k) % 12 + ".example", Math.min(2, rest), 10));
        }
        top.sort(DomainFailures.RANKING);
        metric.failingDomains = top.size();
        metric.topDkimFailDomains = new ArrayList<>(top.subList(0, Math.min(10, top.size())));
        return record;
    }

    private List<String> statuses() {
        return harness.extractOutputValues().stream().map(a -> a.day + " " + a.metric + " " + a.status).toList();
    }

    private static String day(int index) {
        return FIRST.plusDays(index).toString();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DayMetric, Alert> newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SpikeDetector(UTC, SETTINGS)), metric -> metric.series, Types.STRING);
    }
}
