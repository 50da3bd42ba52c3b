package io.dkimtrend.window;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a day's window when the watermark passes its end (the final record), and while the day is
 * open at most once per update interval of processing time, and only when an email arrived since
 * the last firing (the running records). An email for a closed day within the allowed lateness
 * fires the day again one interval later, so a burst of late emails makes one correction, or when
 * the allowed lateness ends first (a bounded run's end), then.
 */
public class EarlyUpdateTrigger extends Trigger<Object, TimeWindow> {

    private static final ValueStateDescriptor<Long> PENDING_UPDATE =
            new ValueStateDescriptor<>("pending-update", Long.class);

    private final long intervalMillis;

    public EarlyUpdateTrigger(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("the update interval must be positive");
        }
        this.intervalMillis = intervalMillis;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext context)
            throws Exception {
        if (window.maxTimestamp() > context.getCurrentWatermark()) {
            context.registerEventTimeTimer(window.maxTimestamp());
        }
        ValueState<Long> pending = context.getPartitionedState(PENDING_UPDATE);
        if (pending.value() == null) {
            long at = context.getCurrentProcessingTime() + intervalMillis;
            context.registerProcessingTimeTimer(at);
            pending.update(at);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        context.getPartitionedState(PENDING_UPDATE).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        if (time == window.maxTimestamp()) {
            // The final record includes whatever a pending running update would have shown.
            cancelPendingUpdate(context);
            return TriggerResult.FIRE;
        }
        // The only other event-time timer of a window is its cleanup, when the allowed lateness has
        // passed (at once when a bounded input ends): a correction still waiting for its interval
        // goes out now, or it would be dropped with the window's state.
        if (context.getPartitionedState(PENDING_UPDATE).value() != null) {
            cancelPendingUpdate(context);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext context) throws Exception {
        context.deleteEventTimeTimer(window.maxTimestamp());
        cancelPendingUpdate(context);
    }

    private static void cancelPendingUpdate(TriggerContext context) throws Exception {
        ValueState<Long> pending = context.getPartitionedState(PENDING_UPDATE);
        if (pending.value() != null) {
            context.deleteProcessingTimeTimer(pending.value());
            pending.clear();
        }
    }

    @Override
    public String toString() {
        return "EarlyUpdateTrigger(" + intervalMillis + " ms)";
    }
}
