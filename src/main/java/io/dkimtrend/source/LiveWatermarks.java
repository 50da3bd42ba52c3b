package io.dkimtrend.source;

import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The watermark of one Kafka partition (or file split): the newest event time minus the bounded
 * out-of-orderness, while events flow. When the partition has been idle for the idle timeout:
 *
 * <ul>
 *   <li>if it was live, that is its newest event was at most {@code liveLag} behind the wall clock
 *       when it arrived, or it had no event at all since the job (re)started, event time follows the
 *       wall clock (minus the out-of-orderness), so that a quiet night still closes the day, also
 *       right after a restart;
 *   <li>otherwise (a replay of old data that paused) it is marked idle: it stops holding the other
 *       partitions back, but moves no day forward itself.
 * </ul>
 *
 * With {@code liveLag} no larger than the allowed lateness, following the wall clock can make an
 * event of a live partition a correction of its closed day, but never drop it. A partition still
 * holding old data must deliver it within the idle timeout, or that data becomes late: keep the
 * timeout well above the longest pause of a partition.
 */
public class LiveWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private final long idleTimeoutMillis;
    private final long liveLagMillis;
    private final LongSupplier clock;

    private long newestEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long lagAtLastEvent;
    private long emitted = Long.MIN_VALUE;

    public LiveWatermarks(long outOfOrdernessMillis, long idleTimeoutMillis, long liveLagMillis, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.liveLagMillis = liveLagMillis;
        this.clock = clock;
        this.lastEventAt = clock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTime, WatermarkOutput output) {
        if (eventTime == Long.MIN_VALUE) {
            return; // a dead letter: no event time
        }
        long now = clock.getAsLong();
        lastEventAt = now;
        newestEventTime = Math.max(newestEventTime, eventTime);
        lagAtLastEvent = now - newestEventTime;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.getAsLong();
        boolean idle = now - lastEventAt >= idleTimeoutMillis;
        if (!idle) {
            if (newestEventTime != Long.MIN_VALUE) {
                emit(newestEventTime - outOfOrdernessMillis - 1, output);
            }
        } else if (newestEventTime == Long.MIN_VALUE || lagAtLastEvent <= liveLagMillis) {
            emit(Math.max(newestEventTime, now) - outOfOrdernessMillis - 1, output);
        } else {
            output.markIdle();
        }
    }

    private void emit(long watermark, WatermarkOutput output) {
        if (watermark > emitted) {
            emitted = watermark;
        }
        // Re-emitting the same value is how a partition that was idle becomes active again.
        output.emitWatermark(new Watermark(emitted));
    }
}
