package io.dkimtrend.source;

import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The watermark of one Kafka partition (or file split): the newest event time minus the bounded
 * out-of-orderness while events flow; marked idle once no event came for the idle timeout, so that
 * a quiet or empty partition stops holding the others back. A partition alone never moves event
 * time past its own events: whether a quiet stream's days may close on the wall clock is decided
 * downstream, on evidence of the whole stream ({@link WallClockWhenQuiet}).
 *
 * <p>Unlike Flink's {@code forBoundedOutOfOrderness(...).withIdleness(...)}, a dead letter (no event
 * time) is no activity here: a partition that only delivers garbage must not hold the watermark.
 */
public class PartitionWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private final long idleTimeoutMillis;
    private final LongSupplier clock;

    private long newestEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private boolean idle;

    public PartitionWatermarks(long outOfOrdernessMillis, long idleTimeoutMillis, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.clock = clock;
        this.lastEventAt = clock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTime, WatermarkOutput output) {
        if (eventTime == Long.MIN_VALUE) {
            return; // a dead letter: no event time
        }
        lastEventAt = clock.getAsLong();
        newestEventTime = Math.max(newestEventTime, eventTime);
        if (idle) {
            idle = false;
            output.markActive();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (clock.getAsLong() - lastEventAt >= idleTimeoutMillis) {
            idle = true;
            output.markIdle();
        } else if (newestEventTime != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(newestEventTime - outOfOrdernessMillis - 1));
        }
    }
}
