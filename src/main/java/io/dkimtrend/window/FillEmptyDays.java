package io.dkimtrend.window;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.DayMetric;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives days without any email their zero record, as {@code make-series ... default=0} does:
 * a window exists only for days that had events, so the gaps are filled here, per series.
 *
 * <p>Series are filled independently: a series (a tenant's, say) starts at its own first day with
 * email, and in a bounded run ends at its own last one.
 *
 * <p>Day records pass through unchanged. Each day closes on an event-time timer at its end, which
 * fires only after every window of that day has fired (a window's output precedes the watermark
 * that fired it); a closed day that never had a final record gets a zero one (revision 0, so a
 * late correction of that day still wins). While the stream runs, the next day's timer is set too,
 * so a quiet day closes with its zero record when the watermark passes its end. At the end of
 * input (watermark at its maximum) only the days up to the last day with data are filled.
 */
public class FillEmptyDays extends KeyedProcessFunction<String, DayMetric, DayMetric> {

    private final ZoneId zone;
    /** Whether day records carry sender domains, so that a zero record carries an empty list. */
    private final boolean countsDomains;
    /** Last day (epoch day) that closed; nothing before it is filled again. */
    private transient ValueState<Long> closedThrough;
    /** Days with a final record that have not closed yet. */
    private transient MapState<Long, Boolean> daysWithData;

    public FillEmptyDays(ZoneId zone) {
        this(zone, false);
    }

    public FillEmptyDays(ZoneId zone, boolean countsDomains) {
        this.zone = zone;
        this.countsDomains = countsDomains;
    }

    @Override
    public void open(OpenContext context) {
        closedThrough = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-through", Long.class));
        daysWithData = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("days-with-data", Long.class, Boolean.class));
    }

    @Override
    public void processElement(DayMetric metric, Context context, Collector<DayMetric> out) throws Exception {
        out.collect(metric);
        if (!metric.isFinal) {
            return;
        }
        LocalDate day = LocalDate.parse(metric.day);
        Long closed = closedThrough.value();
        if (closed == null || day.toEpochDay() > closed) {
            daysWithData.put(day.toEpochDay(), true);
            context.timerService().registerEventTimeTimer(CalendarDays.end(day, zone) - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DayMetric> out) throws Exception {
        long day = CalendarDays.dayOf(timestamp, zone).toEpochDay();
        Long closed = closedThrough.value();
        if (closed != null && day <= closed) {
            return;
        }
        boolean endOfInput = context.timerService().currentWatermark() == Long.MAX_VALUE;
        if (endOfInput && !daysWithData.contains(day)) {
            return; // past the last day with data: the series ends there
        }
        long from = closed == null ? day : closed + 1;
        for (long d = from; d <= day; d++) {
            if (!daysWithData.contains(d)) {
                DayMetric zero = CalendarDays.emptyMetric(context.getCurrentKey(), LocalDate.ofEpochDay(d), zone);
                zero.isFinal = true;
                zero.revision = 0;
                if (countsDomains) {
                    zero.failingDomains = 0;
                    zero.topDkimFailDomains = new ArrayList<>();
                }
                zero.emittedAt = Instant.ofEpochMilli(context.timerService().currentProcessingTime()).toString();
                out.collect(zero);
            }
            daysWithData.remove(d);
        }
        closedThrough.update(day);
        if (!endOfInput) {
            context.timerService().registerEventTimeTimer(CalendarDays.end(LocalDate.ofEpochDay(day + 1), zone) - 1);
        }
    }
}
