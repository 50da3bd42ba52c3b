package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long OUT_OF_ORDERNESS = 10 * MINUTE;
    private static final long IDLE_TIMEOUT = MINUTE;

    private long now = millis("2026-11-04T00:05:00Z");
    private final Recorder output = new Recorder();
    private final PartitionWatermarks<Object> watermarks =
            new PartitionWatermarks<>(OUT_OF_ORDERNESS, IDLE_TIMEOUT, () -> now);

    @Test
    void whileEventsFlowTheWatermarkTrailsTheNewestEventByTheOutOfOrderness() {
        watermarks.onEvent(null, millis("2026-11-04T00:00:00Z"), output);
        watermarks.onEvent(null, millis("2026-11-03T23:58:00Z"), output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-11-03T23:50:00Z") - 1);
    }

    @Test
    void aQuietPartitionIsMarkedIdleAndNeverJumpsToTheWallClock() {
        watermarks.onEvent(null, millis("2026-11-03T23:55:00Z"), output);
        watermarks.onPeriodicEmit(output);
        now = millis("2026-11-04T00:30:00Z");
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).containsOnly(millis("2026-11-03T23:45:00Z") - 1);
    }

    @Test
    void anEmptyPartitionEmitsNothingAndIsMarkedIdleAfterTheTimeout() {
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        now += IDLE_TIMEOUT;
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).isEmpty();
    }

    @Test
    void aPartitionThatResumesIsActiveAtOnceButHoldsItsWatermarkForOneIdleTimeout() {
        now += IDLE_TIMEOUT;
        watermarks.onPeriodicEmit(output);
        watermarks.onEvent(null, millis("2026-09-01T12:00:00Z"), output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.watermarks).as("the others resuming with it may still be marked idle").isEmpty();

        now += IDLE_TIMEOUT / 2;
        watermarks.onEvent(null, millis("2026-09-01T13:00:00Z"), output);
        now += IDLE_TIMEOUT / 2;
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-09-01T12:50:00Z") - 1);
    }

    @Test
    void aBurstRightAfterResumingStillMovesTheWatermarkWhenThePartitionGoesIdleAgain() {
        now += IDLE_TIMEOUT;
        watermarks.onPeriodicEmit(output);
        watermarks.onEvent(null, millis("2026-09-01T12:00:00Z"), output);
        now += IDLE_TIMEOUT;
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-09-01T11:50:00Z") - 1);
        assertThat(output.idle).isTrue();
    }

    @Test
    void eventsFromTheStartNeedNoHold() {
        watermarks.onEvent(null, millis("2026-09-01T12:00:00Z"), output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-09-01T11:50:00Z") - 1);
    }

    @Test
    void deadLettersWithoutEventTimeNeitherMoveTheWatermarkNorCountAsActivity() {
        watermarks.onEvent(null, millis("2026-11-04T00:00:00Z"), output);
        now += 2 * MINUTE;
        watermarks.onEvent(null, Long.MIN_VALUE, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).containsOnly(millis("2026-11-03T23:50:00Z") - 1);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
