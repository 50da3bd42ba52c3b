package io.dkimtrend.window;

import static io.dkimtrend.model.DkimVerdict.FAIL;
import static io.dkimtrend.model.DkimVerdict.NONE;
import static io.dkimtrend.model.DkimVerdict.PASS;
import static io.dkimtrend.window.Emails.millis;
import static io.dkimtrend.window.Emails.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.PartialDay;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counting inside a subtask before the shuffle: when partial counts go on, and which emails are late. */
class PreAggregateDaysTest {

    private static final OutputTag<EmailEvent> LATE = new OutputTag<>("late") {};

    private OneInputStreamOperatorTestHarness<EmailEvent, PartialDay> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void countsAreHeldUntilAWatermarkAndThenGoOnAsOnePartialPerDay() throws Exception {
        open("UTC", 0);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processElement(record("2026-11-03T09:00:00Z", PASS, "b"));
        harness.processElement(record("2026-11-04T00:00:00Z", FAIL, "c"));
        harness.processElement(record("2026-11-03T23:59:59.999Z", NONE, "d"));
        assertThat(partials()).isEmpty();

        harness.processWatermark(millis("2026-11-03T12:00:00Z"));
        assertThat(partials()).containsExactlyInAnyOrder(
                "all 2026-11-03T00:00:00Z emails=3 dkimFail=1 at 2026-11-03T00:00:00Z",
                "all 2026-11-04T00:00:00Z emails=1 dkimFail=1 at 2026-11-04T00:00:00Z");
        assertThat(harness.getOutput()).as("the watermark follows the counts").last().isInstanceOf(Watermark.class);
    }

    @ParameterizedTest(name = "reads every source: {0}, idleness passed on: {1}")
    @CsvSource({"true, false", "false, true"})
    void behindTheDedupShuffleIdlenessStaysHereSoTheWindowNeverAdvancesWithoutThisSubtask(boolean readsEverySource,
            boolean passedOn) throws Exception {
        open("UTC", 0, SeriesSelector.overall(), false, readsEverySource);
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
        assertThat(harness.getOutput().stream().filter(WatermarkStatus.class::isInstance).toList())
                .hasSize(passedOn ? 2 : 0);
    }

    @Test
    void aCheckpointBarrierFlushesSoNoCountLivesInAnyCheckpoint() throws Exception {
        open("UTC", 0);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.prepareSnapshotPreBarrier(1);

        assertThat(partials()).containsExactly("all 2026-11-03T00:00:00Z emails=1 dkimFail=1 at 2026-11-03T00:00:00Z");
        assertThat(harness.snapshot(1, 1).getManagedOperatorState()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputFlushes() throws Exception {
        open("UTC", 0);
        harness.processElement(record("2026-11-03T08:00:00Z", PASS, "a"));
        harness.processElement(record("2026-11-03T08:00:00Z", PASS, "b"));
        harness.endInput();

        assertThat(partials()).containsExactly("all 2026-11-03T00:00:00Z emails=2 dkimFail=0 at 2026-11-03T00:00:00Z");
    }

    @Test
    void aLiveRunFlushesOnItsIntervalWhenTheWatermarkStandsStill() throws Exception {
        open("UTC", 1000);
        harness.setProcessingTime(0);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.setProcessingTime(999);
        assertThat(partials()).isEmpty();

        harness.setProcessingTime(1000);
        harness.processElement(record("2026-11-03T08:00:01Z", FAIL, "b"));
        harness.setProcessingTime(2000);
        assertThat(partials()).containsExactly(
                "all 2026-11-03T00:00:00Z emails=1 dkimFail=1 at 2026-11-03T00:00:00Z",
                "all 2026-11-03T00:00:00Z emails=1 dkimFail=1 at 2026-11-03T00:00:00Z");
    }

    @Test
    void anEmailOfADayClosedHereGoesToTheLateOutputWhole() throws Exception {
        open("UTC", 0);
        harness.processWatermark(millis("2026-11-04T05:59:59.998Z"));
        harness.processElement(record("2026-11-03T22:00:00Z", FAIL, "within-lateness"));
        harness.processWatermark(millis("2026-11-04T05:59:59.999Z")); // the day's last millisecond + 6 h
        harness.processElement(record("2026-11-03T23:00:00Z", FAIL, "too-late"));
        harness.endInput();

        assertThat(partials()).containsExactly("all 2026-11-03T00:00:00Z emails=1 dkimFail=1 at 2026-11-03T00:00:00Z");
        assertThat(harness.getSideOutput(LATE)).singleElement()
                .satisfies(late -> assertThat(Emails.identityOf(late.getValue())).isEqualTo("too-late"));
    }

    @Test
    void daysAreTheCalendarDaysOfTheZone() throws Exception {
        open("Europe/Berlin", 0);
        harness.processElement(record("2026-10-24T21:59:59Z", FAIL, "saturday-evening"));
        harness.processElement(record("2026-10-24T22:00:00Z", FAIL, "sunday-first-second"));
        harness.processElement(record("2026-10-25T22:59:59Z", PASS, "sunday-last-second"));
        harness.endInput();

        assertThat(partials()).containsExactlyInAnyOrder(
                "all 2026-10-23T22:00:00Z emails=1 dkimFail=1 at 2026-10-23T22:00:00Z",
                "all 2026-10-24T22:00:00Z emails=2 dkimFail=1 at 2026-10-24T22:00:00Z");
    }

    @Test
    void withSeriesByTenantEachEmailCountsInAllAndInItsTenantsSeries() throws Exception {
        open("UTC", 0, SeriesSelector.overallAndTenant(), false);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a", null, "TENANT-A"));
        harness.processElement(record("2026-11-03T09:00:00Z", PASS, "b", null, "tenant-a"));
        harness.processElement(record("2026-11-03T10:00:00Z", FAIL, "c", null, "tenant-b"));
        harness.processElement(record("2026-11-04T10:00:00Z", FAIL, "d", null, "tenant-b"));
        harness.processElement(record("2026-11-03T11:00:00Z", FAIL, "e", null, null));
        harness.endInput();

        assertThat(partials()).containsExactlyInAnyOrder(
                "all 2026-11-03T00:00:00Z emails=4 dkimFail=3 at 2026-11-03T00:00:00Z",
                "all 2026-11-04T00:00:00Z emails=1 dkimFail=1 at 2026-11-04T00:00:00Z",
                "tenant-a 2026-11-03T00:00:00Z emails=2 dkimFail=1 at 2026-11-03T00:00:00Z",
                "tenant-b 2026-11-03T00:00:00Z emails=1 dkimFail=1 at 2026-11-03T00:00:00Z",
                "tenant-b 2026-11-04T00:00:00Z emails=1 dkimFail=1 at 2026-11-04T00:00:00Z");
    }

    @Test
    void senderDomainsAreCountedInEveryPartialOfTheirSeries() throws Exception {
        open("UTC", 0, SeriesSelector.overallAndTenant(), true);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a", "tailspin.io", "t1"));
        harness.processElement(record("2026-11-03T09:00:00Z", PASS, "b", "tailspin.io", "t2"));
        harness.processElement(record("2026-11-03T10:00:00Z", FAIL, "c", "fabrikam.com", "t1"));
        harness.processElement(record("2026-11-03T11:00:00Z", FAIL, "d", null, "t1"));
        harness.endInput();

        assertThat(domains()).containsExactlyInAnyOrder(
                "all {fabrikam.com=1/1, tailspin.io=1/2}",
                "t1 {fabrikam.com=1/1, tailspin.io=1/1}",
                "t2 {tailspin.io=0/1}");
    }

    @Test
    void countsHoldingTooManySenderDomainsGoOnEarly() throws Exception {
        open("UTC", 0, SeriesSelector.overall(), true);
        for (int i = 0; i <= PreAggregateDays.MAX_HELD_DOMAINS; i++) {
            harness.processElement(record("2026-11-03T08:00:00Z", FAIL, null, "sender-" + i + ".example", null));
        }
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(partial -> assertThat(partial.counts.domainCount()).isEqualTo(PreAggregateDays.MAX_HELD_DOMAINS + 1));

        harness.processElement(record("2026-11-03T09:00:00Z", FAIL, null, "sender-0.example", null));
        harness.endInput();
        assertThat(harness.extractOutputValues()).hasSize(2).last()
                .satisfies(partial -> assertThat(partial.counts.domainCount()).isEqualTo(1));
    }

    @Test
    void withoutTopDomainsNoDomainIsCounted() throws Exception {
        open("UTC", 0, SeriesSelector.overall(), false);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "a", "tailspin.io", "t1"));
        harness.endInput();

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(partial -> assertThat(partial.counts.domains).isNull());
    }

    private void open(String zone, long flushIntervalMillis) throws Exception {
        open(zone, flushIntervalMillis, SeriesSelector.overall(), false);
    }

    private void open(String zone, long flushIntervalMillis, SeriesSelector series, boolean countsDomains)
            throws Exception {
        open(zone, flushIntervalMillis, series, countsDomains, true);
    }

    private void open(String zone, long flushIntervalMillis, SeriesSelector series, boolean countsDomains,
            boolean readsEverySource) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateDays(ZoneId.of(zone), series, countsDomains,
                Duration.ofHours(6).toMillis(), LATE, flushIntervalMillis, readsEverySource));
        harness.open();
    }

    /** Each partial's series and its domains as {@code domain=dkimFail/emails}, by name. */
    private List<String> domains() {
        return harness.extractOutputValues().stream()
                .map(partial -> partial.series + " " + new TreeMap<>(partial.counts.domains).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1])
                        .collect(Collectors.joining(", ", "{", "}")))
                .toList();
    }

    private List<String> partials() {
        return harness.extractOutputStreamRecords().stream()
                .map(record -> record.getValue().series + " " + Instant.ofEpochMilli(record.getValue().dayStart)
                        + " emails=" + record.getValue().counts.emails + " dkimFail=" + record.getValue().counts.dkimFail
                        + " at " + Instant.ofEpochMilli(record.getTimestamp()))
                .toList();
    }
}
