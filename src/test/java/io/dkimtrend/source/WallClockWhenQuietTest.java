package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.SourceItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a live stream goes quiet its days close on the wall clock; a replay of old data, an empty
 * stream and a restart of either never jump there. The harness's processing time is the wall clock.
 */
class WallClockWhenQuietTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long OUT_OF_ORDERNESS = 10 * MINUTE;
    private static final long LIVE_LAG = 6 * 60 * MINUTE;
    private static final long PERIOD = 1000;

    private final List<OneInputStreamOperatorTestHarness<SourceItem, SourceItem>> harnesses = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var harness : harnesses) harness.close();
    }

    @Test
    void aQuietLiveStreamFollowsTheWallClockSoThatYesterdayCloses() throws Exception {
        var harness = open(null, 1, 0);
        event(harness, "2026-11-03T23:55:00Z", "2026-11-03T23:55:30Z");
        harness.processWatermark(millis("2026-11-03T23:45:00Z") - 1);
        quietUntil(harness, "2026-11-04T00:30:00Z");

        assertThat(statuses(harness)).doesNotContain(WatermarkStatus.IDLE);
        assertThat(lastWatermark(harness)).isEqualTo(millis("2026-11-04T00:20:00Z") - 1);
        harness.setProcessingTime(millis("2026-11-04T00:30:00Z") + 5 * PERIOD);
        assertThat(lastWatermark(harness)).isEqualTo(millis("2026-11-04T00:20:05Z") - 1);
    }

    @Test
    void aQuietReplayOfOldDataIsIdleAndClosesNoDayItHasNoDataFor() throws Exception {
        var harness = open(null, 1, 0);
        event(harness, "2026-09-20T12:00:00Z", "2026-12-07T18:00:00Z");
        harness.processWatermark(millis("2026-09-20T11:50:00Z") - 1);
        quietUntil(harness, "2026-12-07T18:01:00Z");
        harness.setProcessingTime(millis("2026-12-08T12:00:00Z"));

        assertThat(statuses(harness)).containsExactly(WatermarkStatus.IDLE);
        assertThat(lastWatermark(harness)).isEqualTo(millis("2026-09-20T11:50:00Z") - 1);
    }

    @Test
    void aStreamThatDeliveredNothingIsEvidenceOfNothing() throws Exception {
        var harness = open(null, 1, 0);
        quietUntil(harness, "2026-12-07T18:01:00Z");
        harness.setProcessingTime(millis("2026-12-08T12:00:00Z"));

        assertThat(statuses(harness)).containsExactly(WatermarkStatus.IDLE);
        assertThat(watermarks(harness)).isEmpty();
    }

    @Test
    void aRestartDuringAQuietNightStillClosesTheDay() throws Exception {
        var before = open(null, 1, 0);
        event(before, "2026-11-03T23:55:00Z", "2026-11-03T23:55:30Z");
        OperatorSubtaskState checkpoint = before.snapshot(1, millis("2026-11-03T23:56:00Z"));

        var after = open(checkpoint, 1, 0);
        quietUntil(after, "2026-11-04T00:30:00Z");
        assertThat(statuses(after)).doesNotContain(WatermarkStatus.IDLE);
        assertThat(lastWatermark(after)).isEqualTo(millis("2026-11-04T00:20:00Z") - 1);
    }

    @Test
    void aRestartOfAReplayNeverJumpsToTheWallClock() throws Exception {
        var before = open(null, 1, 0);
        event(before, "2026-09-20T12:00:00Z", "2026-12-07T18:00:00Z");
        OperatorSubtaskState checkpoint = before.snapshot(1, millis("2026-12-07T18:00:01Z"));

        for (int restart = 0; restart < 3; restart++) {
            var after = open(checkpoint, 1, 0);
            quietUntil(after, "2026-12-07T19:00:00Z");
            assertThat(statuses(after)).containsExactly(WatermarkStatus.IDLE);
            assertThat(watermarks(after)).isEmpty();
            checkpoint = after.snapshot(2 + restart, millis("2026-12-07T19:00:01Z"));
        }
    }

    @Test
    void afterARestartEverySubtaskKnowsTheNewestEventOfTheWholeStream() throws Exception {
        var live = open(null, 2, 0);
        var empty = open(null, 2, 1);
        event(live, "2026-11-03T23:55:00Z", "2026-11-03T23:55:30Z");
        OperatorSubtaskState checkpoint = AbstractStreamOperatorTestHarness.repackageState(
                live.snapshot(1, 0), empty.snapshot(1, 0));

        var restoredEmpty = open(AbstractStreamOperatorTestHarness.repartitionOperatorState(checkpoint, 128, 2, 2, 1), 2, 1);
        quietUntil(restoredEmpty, "2026-11-04T00:30:00Z");
        assertThat(lastWatermark(restoredEmpty)).isEqualTo(millis("2026-11-04T00:20:00Z") - 1);
    }

    @Test
    void whenEventsArriveAgainTheWatermarkFollowsThemAndNeverGoesBack() throws Exception {
        var harness = open(null, 1, 0);
        event(harness, "2026-11-03T23:55:00Z", "2026-11-03T23:55:30Z");
        quietUntil(harness, "2026-11-04T01:00:00Z");
        long wallClock = lastWatermark(harness);

        harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
        event(harness, "2026-11-04T00:40:00Z", "2026-11-04T01:00:01Z");
        harness.processWatermark(millis("2026-11-04T00:30:00Z") - 1);
        harness.setProcessingTime(millis("2026-11-04T01:10:00Z"));
        assertThat(lastWatermark(harness)).isEqualTo(wallClock);
        harness.processWatermark(millis("2026-11-04T01:05:00Z"));

        assertThat(lastWatermark(harness)).isEqualTo(millis("2026-11-04T01:05:00Z"));
        assertThat(statuses(harness)).isEmpty();
    }

    @Test
    void recordsPassUnchanged() throws Exception {
        var harness = open(null, 1, 0);
        event(harness, "2026-11-03T23:55:00Z", "2026-11-03T23:55:30Z");
        harness.processElement(new StreamRecord<>(SourceItem.skipped(1)));
        assertThat(harness.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
                .containsExactly(millis("2026-11-03T23:55:00Z"), Long.MIN_VALUE);
    }

    private OneInputStreamOperatorTestHarness<SourceItem, SourceItem> open(OperatorSubtaskState state, int parallelism,
            int subtask) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(
                new WallClockWhenQuiet(OUT_OF_ORDERNESS, LIVE_LAG, PERIOD), 128, parallelism, subtask);
        harnesses.add(harness);
        harness.setup();
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    /** An email with this Timestamp, read from Kafka when the wall clock reads {@code arrival}. */
    private static void event(OneInputStreamOperatorTestHarness<SourceItem, SourceItem> harness, String timestamp,
            String arrival) throws Exception {
        harness.setProcessingTime(millis(arrival));
        harness.processElement(new StreamRecord<>(SourceItem.skipped(1), millis(timestamp)));
    }

    /** Every partition of the subtask has been idle for the idle timeout when the wall clock reads {@code now}. */
    private static void quietUntil(OneInputStreamOperatorTestHarness<SourceItem, SourceItem> harness, String now)
            throws Exception {
        harness.setProcessingTime(millis(now));
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<SourceItem, SourceItem> harness) {
        return harness.getOutput().stream().filter(Watermark.class::isInstance)
                .map(mark -> ((Watermark) mark).getTimestamp()).toList();
    }

    private static long lastWatermark(OneInputStreamOperatorTestHarness<SourceItem, SourceItem> harness) {
        List<Long> watermarks = watermarks(harness);
        return watermarks.get(watermarks.size() - 1);
    }

    private static List<WatermarkStatus> statuses(OneInputStreamOperatorTestHarness<SourceItem, SourceItem> harness) {
        return harness.getOutput().stream().filter(WatermarkStatus.class::isInstance)
                .map(WatermarkStatus.class::cast).toList();
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
