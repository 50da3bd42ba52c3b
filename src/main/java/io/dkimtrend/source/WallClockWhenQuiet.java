package io.dkimtrend.source;

import io.dkimtrend.model.SourceItem;
import io.dkimtrend.monitor.MetricNames;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets event time follow the wall clock while a live stream is quiet, so that a quiet night still
 * closes yesterday, and never on a replay of old data, whose days must only close on its events.
 *
 * <p>Chained to the Kafka source, it passes events and watermarks on unchanged. When every
 * partition of its subtask has gone idle (no event for the idle timeout), it looks at the evidence:
 * the newest event the stream delivered, and how far behind the wall clock that event was when it
 * arrived. Only if it arrived within {@code liveLag} is the stream live: the watermark then follows
 * the wall clock minus the out-of-orderness. Otherwise, and when the stream has delivered nothing at
 * all (an empty partition, a restart that has read nothing yet), the subtask is marked idle: it holds
 * no other subtask back and closes no day itself.
 *
 * <p>The evidence is union operator state: after a restore every subtask knows the newest event of
 * the whole stream as of the checkpoint, so a restart during a quiet night still closes the day, and
 * a restart of a replay never jumps to the wall clock.
 *
 * <p>With {@code liveLag} no larger than the allowed lateness, following the wall clock can make an
 * event of a live stream a correction of its closed day, but never drop it.
 */
public class WallClockWhenQuiet extends AbstractStreamOperator<SourceItem>
        implements OneInputStreamOperator<SourceItem, SourceItem> {

    private static final Logger LOG = LoggerFactory.getLogger(WallClockWhenQuiet.class);

    /** 1 while this subtask's event time follows the wall clock, else 0. */

    private final long outOfOrdernessMillis;
    private final long liveLagMillis;
    private final long periodMillis;

    /** The newest event time seen and the wall clock when it arrived. */
    private transient ListState<Tuple2<Long, Long>> newestState;
    private transient long newestEventTime;
    private transient long newestArrivedAt;
    private transient long emitted;
    private transient boolean following;
    private transient boolean timerPending;

    public WallClockWhenQuiet(long outOfOrdernessMillis, long liveLagMillis, long periodMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.liveLagMillis = liveLagMillis;
        this.periodMillis = periodMillis;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        newestState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "newest-event", TypeInformation.of(new TypeHint<Tuple2<Long, Long>>() {})));
        newestEventTime = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        for (Tuple2<Long, Long> newest : newestState.get()) {
            if (newest.f0 > newestEventTime) {
                newestEventTime = newest.f0;
                newestArrivedAt = newest.f1;
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        getRuntimeContext().getMetricGroup().gauge(MetricNames.EVENT_TIME_FOLLOWS_WALL_CLOCK, () -> following ? 1 : 0);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        newestState.clear();
        if (newestEventTime != Long.MIN_VALUE) {
            newestState.add(Tuple2.of(newestEventTime, newestArrivedAt));
        }
    }

    @Override
    public void processElement(StreamRecord<SourceItem> record) {
        if (record.hasTimestamp() && record.getTimestamp() != Long.MIN_VALUE
                && record.getTimestamp() > newestEventTime) {
            newestEventTime = record.getTimestamp();
            newestArrivedAt = now();
        }
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) {
        emit(mark.getTimestamp());
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        if (status.isActive()) {
            if (following) {
                following = false; // the output never went idle: nothing to announce
                LOG.info("Events arrive again: event time follows them, no longer the wall clock");
            } else {
                output.emitWatermarkStatus(status);
            }
        } else if (isLive()) {
            following = true;
            LOG.info("The stream is quiet, and its newest event {} arrived {} behind the wall clock: "
                    + "event time follows the wall clock", Instant.ofEpochMilli(newestEventTime), lag());
            followWallClock();
        } else {
            if (newestEventTime != Long.MIN_VALUE) {
                LOG.info("The stream is quiet, and its newest event {} arrived {} behind the wall clock, more than "
                        + "a live stream's {} s: no day closes until events arrive", Instant.ofEpochMilli(newestEventTime),
                        lag(), liveLagMillis / 1000);
            }
            output.emitWatermarkStatus(status);
        }
    }

    private boolean isLive() {
        return newestEventTime != Long.MIN_VALUE && newestArrivedAt - newestEventTime <= liveLagMillis;
    }

    private void followWallClock() {
        if (!following) {
            return;
        }
        emit(Math.max(newestEventTime, now()) - outOfOrdernessMillis - 1);
        if (!timerPending) {
            timerPending = true;
            getProcessingTimeService().registerTimer(now() + periodMillis, time -> {
                timerPending = false;
                followWallClock();
            });
        }
    }

    private void emit(long watermark) {
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    /** How far behind the wall clock the newest event arrived, as "88 d 10 h 27 min 35 s". */
    private String lag() {
        Duration lag = Duration.ofSeconds(Math.max(0, newestArrivedAt - newestEventTime) / 1000);
        return (lag.toDays() > 0 ? lag.toDays() + " d " : "") + (lag.toHoursPart() > 0 ? lag.toHoursPart() + " h " : "")
                + (lag.toMinutesPart() > 0 ? lag.toMinutesPart() + " min " : "") + lag.toSecondsPart() + " s";
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }
}
