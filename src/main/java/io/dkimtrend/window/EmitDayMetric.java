package io.dkimtrend.window;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.monitor.MetricNames;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a day's counts into its metric record each time the window fires. A record is final once
 * the watermark has passed the end of the day; a later firing (a late event within the allowed
 * lateness) is final too, with a higher revision, so consumers keep the newest one.
 */
public class EmitDayMetric extends ProcessWindowFunction<DayCounts, DayMetric, String, TimeWindow> {

    private static final ValueStateDescriptor<Integer> REVISION =
            new ValueStateDescriptor<>("revision", Integer.class);
    /**
     * Set once the day had its final record. After a restore the watermark starts again from the
     * beginning, and a pending update of a closed day (a correction) would otherwise fire as a
     * running record that nothing closes again, since the day's end timer has fired already.
     */
    private static final ValueStateDescriptor<Boolean> CLOSED =
            new ValueStateDescriptor<>("closed", Boolean.class);

    private final ZoneId zone;
    /** Length of the top list of sender domains; 0 when domains are not counted. */
    private final int topDomains;
    private transient Counter emitted;

    public EmitDayMetric(ZoneId zone, int topDomains) {
        this.zone = zone;
        this.topDomains = topDomains;
    }

    @Override
    public void open(OpenContext context) {
        emitted = getRuntimeContext().getMetricGroup().counter(MetricNames.DAY_RECORDS_EMITTED);
    }

    @Override
    public void process(String series, Context context, Iterable<DayCounts> counts, Collector<DayMetric> out)
            throws Exception {
        TimeWindow window = context.window();
        ValueState<Integer> revision = context.windowState().getState(REVISION);
        int next = revision.value() == null ? 1 : revision.value() + 1;
        revision.update(next);

        DayCounts dayCounts = counts.iterator().next();
        DayMetric metric = CalendarDays.emptyMetric(series, CalendarDays.dayOf(window.getStart(), zone), zone)
                .withCounts(dayCounts);
        if (topDomains > 0) {
            // Running records carry the running list: it is as exact as their counts.
            metric.failingDomains = DomainRanking.failing(dayCounts.domains);
            metric.topDkimFailDomains = DomainRanking.top(dayCounts.domains, topDomains);
        }
        ValueState<Boolean> closed = context.windowState().getState(CLOSED);
        metric.isFinal = context.currentWatermark() >= window.maxTimestamp() || Boolean.TRUE.equals(closed.value());
        if (metric.isFinal) {
            closed.update(true);
        }
        metric.revision = next;
        metric.emittedAt = Instant.ofEpochMilli(context.currentProcessingTime()).toString();
        emitted.inc();
        out.collect(metric);
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(REVISION).clear();
        context.windowState().getState(CLOSED).clear();
    }
}
