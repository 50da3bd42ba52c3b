package io.dkimtrend.window;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.PartialDay;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * The window's own late output, the last safety net: partial counts are flushed before the
 * watermark that could close their day, so none should arrive late. If some do, their emails are
 * still accounted for, as one late record per partial that says how many emails it held.
 */
public class LatePartialDays extends RichMapFunction<PartialDay, LateEvent> {

    private final ZoneId zone;
    private transient Counter late;

    public LatePartialDays(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext context) {
        late = RunCounters.register(getRuntimeContext(), MetricNames.LATE_EMAILS_AT_WINDOW);
    }

    @Override
    public LateEvent map(PartialDay partial) {
        late.inc(partial.counts.emails);
        LateEvent event = new LateEvent();
        event.reason = partial.counts.emails + " emails (" + partial.counts.dkimFail
                + " DKIM failures) reached the day's window after it closed";
        event.origin = "pre-aggregated counts of series " + partial.series;
        event.payload = "";
        event.day = CalendarDays.dayOf(partial.dayStart, zone).toString();
        event.timestamp = Instant.ofEpochMilli(partial.dayStart).toString();
        return event;
    }
}
