package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class LiveWatermarksTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long OUT_OF_ORDERNESS = 10 * MINUTE;
    private static final long IDLE_TIMEOUT = MINUTE;
    private static final long LIVE_LAG = 6 * 60 * MINUTE;

    private long now = millis("2026-11-04T00:05:00Z");
    private final Recorder output = new Recorder();
    private final LiveWatermarks<Object> watermarks =
            new LiveWatermarks<>(OUT_OF_ORDERNESS, IDLE_TIMEOUT, LIVE_LAG, () -> now);

    @Test
    void whileEventsFlowTheWatermarkTrailsTheNewestEventByTheOutOfOrderness() {
        watermarks.onEvent(null, millis("2026-11-04T00:00:00Z"), output);
        watermarks.onEvent(null, millis("2026-11-03T23:58:00Z"), output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-11-03T23:50:00Z") - 1);
    }

    @Test
    void aQuietLiveStreamFollowsTheWallClockSoThatTheDayCloses() {
        watermarks.onEvent(null, millis("2026-11-03T23:55:00Z"), output);
        now = millis("2026-11-04T00:30:00Z");
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(millis("2026-11-04T00:20:00Z") - 1);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aPausedReplayOfOldDataIsMarkedIdleAndNeverJumpsToTheWallClock() {
        watermarks.onEvent(null, millis("2026-10-01T12:00:00Z"), output);
        watermarks.onPeriodicEmit(output);
        long replayWatermark = output.last();
        now += 5 * MINUTE;
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isTrue();
        assertThat(output.last()).isEqualTo(replayWatermark);
    }

    @Test
    void aPartitionWithoutEventsSinceTheStartFollowsTheWallClockAfterTheTimeout() {
        watermarks.onPeriodicEmit(output);
        assertThat(output.idle).isFalse();
        assertThat(output.watermarks).isEmpty();
        now += IDLE_TIMEOUT;
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(now - OUT_OF_ORDERNESS - 1);
    }

    @Test
    void deadLettersWithoutEventTimeNeitherMoveTheWatermarkNorCountAsActivity() {
        watermarks.onEvent(null, millis("2026-11-04T00:00:00Z"), output);
        now += 2 * MINUTE;
        watermarks.onEvent(null, Long.MIN_VALUE, output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(now - OUT_OF_ORDERNESS - 1);
    }

    @Test
    void theWatermarkNeverGoesBack() {
        watermarks.onEvent(null, millis("2026-11-04T00:00:00Z"), output);
        now = millis("2026-11-04T01:00:00Z");
        watermarks.onPeriodicEmit(output);
        long wallClock = output.last();
        watermarks.onEvent(null, millis("2026-11-04T00:40:00Z"), output);
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(wallClock);
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
