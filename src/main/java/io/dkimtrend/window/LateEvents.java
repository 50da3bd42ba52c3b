package io.dkimtrend.window;

import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Emails late past the sources, a safety net: late emails are caught with their text next to the
 * source, so none should reach here. If one does, it is still accounted for, with its day and
 * Timestamp; its origin and text stayed at the source.
 *
 * <p>"At the window" (operator "Late events at the window", uid {@code late-events-at-window}, metric
 * {@code lateEventsAtWindow}): {@link PreAggregateDays} found the email's day closed by the window's
 * rule when it came to count it, before the shuffle to the window.
 */
public class LateEvents extends RichMapFunction<EmailEvent, LateEvent> {

    private final ZoneId zone;
    private transient Counter late;

    public LateEvents(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext context) {
        late = RunCounters.register(getRuntimeContext(), MetricNames.LATE_EVENTS_AT_WINDOW);
    }

    @Override
    public LateEvent map(EmailEvent email) {
        late.inc();
        LateEvent event = LateEvent.of(email, CalendarDays.dayOf(email.eventTime, zone).toString(), Long.MIN_VALUE);
        if (event.origin == null) {
            event.origin = "unknown: caught after the shuffle, which carries no origin";
        }
        return event;
    }
}
