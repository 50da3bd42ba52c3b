package io.dkimtrend;

import static io.dkimtrend.model.DkimVerdict.FAIL;
import static io.dkimtrend.model.DkimVerdict.NONE;
import static io.dkimtrend.model.DkimVerdict.OTHER;
import static io.dkimtrend.model.DkimVerdict.PASS;
import static io.dkimtrend.window.Emails.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.PartialDay;
import io.dkimtrend.window.Emails;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-day window of the pipeline, driven through Flink's operator test harness with one email
 * per partial count, the finest the pre-aggregation ever sends.
 */
class DailyCountsWindowTest {

    private KeyedOneInputStreamOperatorTestHarness<String, PartialDay, DayMetric> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void aDayIsEmittedFinalOnceTheWatermarkPassesItsEnd() throws Exception {
        open("--allowed-lateness", "0 s");
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processElement(partial("2026-11-03T09:00:00Z", PASS, "b"));
        harness.processElement(partial("2026-11-03T23:59:59.999Z", NONE, "c"));
        harness.processElement(partial("2026-11-04T00:00:00Z", OTHER, "d"));
        harness.processWatermark(millis("2026-11-03T23:59:59.998Z"));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(millis("2026-11-03T23:59:59.999Z"));
        assertThat(describe(harness.extractOutputValues()))
                .containsExactly("all 2026-11-03 emails=3 dkimFail=1 pass=1 none=1 other=0 ratio=0.3333 final rev1");
    }

    @Test
    void aLateEventWithinTheAllowedLatenessCorrectsTheDayWithAHigherRevision() throws Exception {
        open("--allowed-lateness", "6 h");
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processWatermark(millis("2026-11-04T05:00:00Z"));
        harness.processElement(partial("2026-11-03T22:00:00Z", FAIL, "late"));

        assertThat(describe(harness.extractOutputValues())).containsExactly(
                "all 2026-11-03 emails=1 dkimFail=1 pass=0 none=0 other=0 ratio=1.0 final rev1",
                "all 2026-11-03 emails=2 dkimFail=2 pass=0 none=0 other=0 ratio=1.0 final rev2");
        assertThat(harness.getSideOutput(DailySeriesPipeline.LATE_PARTIALS)).isNull();
    }

    @Test
    void anEventBeyondTheAllowedLatenessGoesToTheLateOutput() throws Exception {
        open("--allowed-lateness", "6 h");
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processWatermark(millis("2026-11-04T06:00:00Z"));
        harness.processElement(partial("2026-11-03T22:00:00Z", FAIL, "too-late"));

        assertThat(describe(harness.extractOutputValues()))
                .containsExactly("all 2026-11-03 emails=1 dkimFail=1 pass=0 none=0 other=0 ratio=1.0 final rev1");
        assertThat(harness.getSideOutput(DailySeriesPipeline.LATE_PARTIALS))
                .singleElement().satisfies(late -> assertThat(late.getValue().counts.dkimFail).isEqualTo(1));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void daysFollowTheZoneAcrossTheEndOfSummerTime() throws Exception {
        open("--zone", "Europe/Berlin", "--allowed-lateness", "0 s");
        harness.processElement(partial("2026-10-24T21:59:59Z", FAIL, "sat-late-evening"));
        harness.processElement(partial("2026-10-24T22:00:00Z", FAIL, "sun-first-second"));
        harness.processElement(partial("2026-10-25T22:59:59Z", PASS, "sun-last-hour"));
        harness.processElement(partial("2026-10-25T23:00:00Z", PASS, "mon-first-second"));
        harness.processWatermark(Long.MAX_VALUE);

        List<DayMetric> days = harness.extractOutputValues();
        assertThat(describe(days)).containsExactly(
                "all 2026-10-24 emails=1 dkimFail=1 pass=0 none=0 other=0 ratio=1.0 final rev1",
                "all 2026-10-25 emails=2 dkimFail=1 pass=1 none=0 other=0 ratio=0.5 final rev1",
                "all 2026-10-26 emails=1 dkimFail=0 pass=1 none=0 other=0 ratio=0.0 final rev1");
        assertThat(days.get(1).windowStart).isEqualTo("2026-10-24T22:00:00Z");
        assertThat(days.get(1).windowEnd).isEqualTo("2026-10-25T23:00:00Z");
        assertThat(days.get(1).zone).isEqualTo("Europe/Berlin");
    }

    @Test
    void aLiveDayShowsRunningRecordsAtMostOncePerIntervalAndOnlyAfterNewData() throws Exception {
        openLive("--update-interval", "1 min", "--allowed-lateness", "6 h");
        harness.setProcessingTime(0);
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processElement(partial("2026-11-03T08:01:00Z", PASS, "b"));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(60_000);
        harness.processElement(partial("2026-11-03T09:00:00Z", FAIL, "c"));
        harness.setProcessingTime(120_000);
        harness.setProcessingTime(180_000);
        assertThat(describe(harness.extractOutputValues())).containsExactly(
                "all 2026-11-03 emails=2 dkimFail=1 pass=1 none=0 other=0 ratio=0.5 open rev1",
                "all 2026-11-03 emails=3 dkimFail=2 pass=1 none=0 other=0 ratio=0.6667 open rev2");

        harness.processElement(partial("2026-11-03T10:00:00Z", PASS, "d"));
        harness.processWatermark(millis("2026-11-03T23:59:59.999Z"));
        harness.setProcessingTime(240_000);
        assertThat(describe(harness.extractOutputValues())).last()
                .isEqualTo("all 2026-11-03 emails=4 dkimFail=2 pass=2 none=0 other=0 ratio=0.5 final rev3");
        assertThat(harness.extractOutputValues()).hasSize(3);
    }

    @Test
    void aLiveDayIsCorrectedOneIntervalAfterLateEventsWithinTheLateness() throws Exception {
        openLive("--update-interval", "1 min", "--allowed-lateness", "6 h");
        harness.setProcessingTime(0);
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processWatermark(millis("2026-11-04T01:00:00Z"));
        harness.processElement(partial("2026-11-03T22:00:00Z", FAIL, "late-1"));
        harness.processElement(partial("2026-11-03T22:30:00Z", PASS, "late-2"));
        harness.setProcessingTime(60_000);

        assertThat(describe(harness.extractOutputValues())).containsExactly(
                "all 2026-11-03 emails=1 dkimFail=1 pass=0 none=0 other=0 ratio=1.0 final rev1",
                "all 2026-11-03 emails=3 dkimFail=2 pass=1 none=0 other=0 ratio=0.6667 final rev2");
    }

    /**
     * A correction waiting for its interval when the day's allowed lateness ends (at once, when a
     * bounded input ends) goes out then, instead of being dropped with the window's state.
     */
    @ParameterizedTest(name = "watermark {0}")
    @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "2026-11-04T05:59:59.999Z"})
    void aPendingCorrectionGoesOutWhenTheLatenessEndsBeforeItsInterval(String watermark) throws Exception {
        openLive("--update-interval", "1 min", "--allowed-lateness", "6 h");
        harness.setProcessingTime(0);
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processWatermark(millis("2026-11-04T01:00:00Z"));
        harness.processElement(partial("2026-11-03T22:00:00Z", FAIL, "late-1"));
        harness.processWatermark(watermark.startsWith("+") ? Long.MAX_VALUE : millis(watermark));
        harness.setProcessingTime(60_000);

        assertThat(describe(harness.extractOutputValues())).containsExactly(
                "all 2026-11-03 emails=1 dkimFail=1 pass=0 none=0 other=0 ratio=1.0 final rev1",
                "all 2026-11-03 emails=2 dkimFail=2 pass=0 none=0 other=0 ratio=1.0 final rev2");
    }

    @Test
    void runningAndFinalRecordsCarryTheDaysTopSenderDomains() throws Exception {
        openLive("--update-interval", "1 min", "--allowed-lateness", "0 s", "--top-domains", "2");
        harness.setProcessingTime(0);
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a", "tailspin.io"));
        harness.processElement(partial("2026-11-03T08:01:00Z", PASS, "b", "tailspin.io"));
        harness.processElement(partial("2026-11-03T08:02:00Z", FAIL, "c", "fabrikam.com"));
        harness.setProcessingTime(60_000);
        harness.processElement(partial("2026-11-03T09:00:00Z", FAIL, "d", "fabrikam.com"));
        harness.processElement(partial("2026-11-03T09:01:00Z", FAIL, "e", "fabrikam.com"));
        harness.processElement(partial("2026-11-03T09:02:00Z", FAIL, "f", "proseware.com"));
        harness.processElement(partial("2026-11-03T09:03:00Z", FAIL, "g", null));
        harness.processWatermark(millis("2026-11-03T23:59:59.999Z"));

        assertThat(harness.extractOutputValues()).extracting(m -> (m.isFinal ? "final " : "open ")
                        + m.failingDomains + " " + m.topDkimFailDomains)
                .containsExactly(
                        "open 2 [tailspin.io 1/2, fabrikam.com 1/1]",
                        "final 3 [fabrikam.com 3/3, tailspin.io 1/2]");
    }

    @Test
    void theStateOfAClosedDayIsGoneWithItsSenderDomains() throws Exception {
        open("--allowed-lateness", "6 h", "--top-domains", "10");
        for (int i = 0; i < 100; i++) {
            harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a" + i, "sender-" + i + ".example"));
        }
        harness.processElement(partial("2026-11-04T08:00:00Z", FAIL, "next-day", "tailspin.io"));
        harness.processWatermark(millis("2026-11-04T05:59:59.998Z"));
        assertThat(harness.numKeyedStateEntries())
                .as("both days open: one accumulator each; the closed day's revision and closed flag").isEqualTo(4);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(day -> assertThat(day.failingDomains).isEqualTo(100));

        harness.processWatermark(millis("2026-11-04T05:59:59.999Z")); // end of 2026-11-03 + the allowed lateness
        assertThat(harness.numKeyedStateEntries()).as("only 2026-11-04 is left").isEqualTo(1);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withoutTopDomainsTheRecordHasNoDomainFields() throws Exception {
        open("--top-domains", "0");
        harness.processElement(partial("2026-11-03T08:00:00Z", FAIL, "a"));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(day -> {
            assertThat(day.topDkimFailDomains).isNull();
            assertThat(day.failingDomains).isNull();
            assertThat(day.toString()).doesNotContain("Domains");
        });
    }

    private void openLive(String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:9", "--events-topic", "t"));
        args.addAll(List.of(flags));
        open(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private void open(String... flags) throws Exception {
        JobConfig config = JobConfig.fromArgs(flags);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var partials = env.fromData(new PartialDay());
        var transformation = (OneInputTransformation<PartialDay, DayMetric>)
                DailySeriesPipeline.countPerDay(partials, config).getTransformation();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                (StreamOperatorFactory<DayMetric>) transformation.getOperatorFactory(),
                partial -> partial.series, Types.STRING);
        harness.open();
    }

    /** One email as the pre-aggregation would pass it on alone, at the email's own time. */
    private static StreamRecord<PartialDay> partial(String timestamp, DkimVerdict dkim, String identity) {
        EmailEvent email = Emails.email(timestamp, dkim, identity);
        return new StreamRecord<>(new PartialDay(DailySeriesPipeline.ALL, email.eventTime, new DayCounts().add(email)),
                email.eventTime);
    }

    /** As {@link #partial(String, DkimVerdict, String)}, counting the email's sender domain too. */
    private static StreamRecord<PartialDay> partial(String timestamp, DkimVerdict dkim, String identity, String domain) {
        EmailEvent email = Emails.email(timestamp, dkim, identity, domain, null);
        return new StreamRecord<>(new PartialDay(DailySeriesPipeline.ALL, email.eventTime,
                DayCounts.withDomains().add(email)), email.eventTime);
    }

    static List<String> describe(List<DayMetric> days) {
        return days.stream()
                .map(m -> m.series + " " + m.day + " emails=" + m.emails + " dkimFail=" + m.dkimFail
                        + " pass=" + m.dkim.pass + " none=" + m.dkim.none + " other=" + m.dkim.other
                        + " ratio=" + m.dkimFailRatio + (m.isFinal ? " final" : " open") + " rev" + m.revision)
                .collect(Collectors.toList());
    }
}
