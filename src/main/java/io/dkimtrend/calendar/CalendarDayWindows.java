package io.dkimtrend.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows of one calendar day in a time zone. Flink's tumbling windows with an
 * offset are fixed 24-hour slices, which are wrong on the two days a year when a zone with daylight
 * saving time changes its clocks; these windows follow the zone's calendar.
 */
public class CalendarDayWindows extends WindowAssigner<Object, TimeWindow> {

    private final ZoneId zone;
    /** The day of the previous element: consecutive events mostly fall on the same day. */
    private transient TimeWindow lastWindow;

    private CalendarDayWindows(ZoneId zone) {
        this.zone = zone;
    }

    public static CalendarDayWindows of(ZoneId zone) {
        return new CalendarDayWindows(zone);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        return List.of(windowOf(timestamp));
    }

    /** The day that holds the timestamp. */
    public TimeWindow windowOf(long timestamp) {
        TimeWindow window = lastWindow;
        if (window == null || timestamp < window.getStart() || timestamp >= window.getEnd()) {
            LocalDate day = CalendarDays.dayOf(timestamp, zone);
            window = new TimeWindow(CalendarDays.start(day, zone), CalendarDays.end(day, zone));
            lastWindow = window;
        }
        return window;
    }

    /**
     * Flink's window rule for a day that takes no more data: the watermark has passed its end plus
     * the allowed lateness (a sum past the largest timestamp never closes).
     */
    public static boolean isClosed(TimeWindow day, long allowedLatenessMillis, long watermark) {
        long cleanup = day.maxTimestamp() + allowedLatenessMillis;
        return (cleanup >= day.maxTimestamp() ? cleanup : Long.MAX_VALUE) <= watermark;
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "CalendarDayWindows(" + zone + ")";
    }
}
