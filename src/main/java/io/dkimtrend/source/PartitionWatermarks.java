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
 * <p>A partition that resumes after being idle holds its watermark back for one more idle timeout.
 * Partitions seldom resume one at a time: after a broker outage or a stall every partition of the
 * topic has a backlog, and the fetches return them a few milliseconds apart. Without the hold, the
 * first to deliver would move event time past the backlog of the others, still marked idle, and
 * make it late; with it, each of them is active again before event time moves on.
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
    /** When the partition last resumed after being idle; no watermark until one idle timeout later. */
    private long resumedAt;

    public PartitionWatermarks(long outOfOrdernessMillis, long idleTimeoutMillis, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.clock = clock;
        this.lastEventAt = clock.getAsLong();
        this.resumedAt = lastEventAt - idleTimeoutMillis; // a partition that never paused holds nothing back
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
            resumedAt = lastEventAt;
            output.markActive();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.getAsLong();
        boolean quiet = now - lastEventAt >= idleTimeoutMillis;
        boolean holding = now - resumedAt < idleTimeoutMillis;
        // Once more when going quiet: a burst right after resuming ends its hold and its activity at
        // the same moment, and its watermark must still go out before the partition stops counting.
        if (newestEventTime != Long.MIN_VALUE && !holding && !(quiet && idle)) {
            output.emitWatermark(new Watermark(newestEventTime - outOfOrdernessMillis - 1));
        }
        if (quiet) {
            idle = true;
            output.markIdle();
        }
    }
}
