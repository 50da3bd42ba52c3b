package io.dkimtrend.source;

import io.dkimtrend.calendar.CalendarDayWindows;
import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what the sources parsed: email rows go on, dead letters go to {@link #DEAD_LETTERS}, and
 * skipped records of other tables are only counted. Every record the sources saw is counted here
 * once, in exactly one of the metrics.
 *
 * <p>An email whose day closed and whose allowed lateness passed goes to {@link #LATE_EVENTS} with
 * its original text, which only this operator, chained to the source, still holds. It is judged
 * against this source instance's watermark, which is never behind the window's (the window takes the
 * minimum of all sources), so the window itself never has to drop an event.
 */
public class SplitSourceItems extends ProcessFunction<SourceItem, EmailEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events") {};

    private final ZoneId zone;
    private final long allowedLatenessMillis;

    private transient CalendarDayWindows days;
    private transient Counter read;
    private transient Counter emails;
    private transient Counter dkimFailures;
    private transient Counter skipped;
    private transient Counter deadLetters;
    private transient Counter late;
    private transient volatile long watermark;

    public SplitSourceItems(ZoneId zone, Duration allowedLateness) {
        this.zone = zone;
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        days = CalendarDayWindows.of(zone);
        watermark = Long.MIN_VALUE;
        var metrics = getRuntimeContext().getMetricGroup();
        read = RunCounters.register(getRuntimeContext(), MetricNames.RECORDS_READ);
        emails = RunCounters.register(getRuntimeContext(), MetricNames.EMAIL_RECORDS);
        dkimFailures = RunCounters.register(getRuntimeContext(), MetricNames.DKIM_FAIL_RECORDS);
        skipped = RunCounters.register(getRuntimeContext(), MetricNames.SKIPPED_RECORDS);
        deadLetters = RunCounters.register(getRuntimeContext(), MetricNames.DEAD_LETTERS);
        late = RunCounters.register(getRuntimeContext(), MetricNames.LATE_EVENTS);
        // Wall clock minus watermark, as of the last record: how far event time trails real time.
        metrics.gauge(MetricNames.EVENT_TIME_LAG_MILLIS, () -> watermark == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - watermark);
    }

    @Override
    public void processElement(SourceItem item, Context context, Collector<EmailEvent> out) {
        watermark = context.timerService().currentWatermark();
        EmailEvent email = item.email;
        if (email != null) {
            read.inc();
            emails.inc();
            if (email.dkimFailed()) {
                dkimFailures.inc();
            }
            if (isLate(email)) {
                late.inc();
                context.output(LATE_EVENTS, LateEvent.of(email, dayOf(email), watermark));
            } else {
                email.message = null;
                out.collect(email);
            }
        } else if (item.deadLetter != null) {
            read.inc();
            deadLetters.inc();
            context.output(DEAD_LETTERS, item.deadLetter);
        } else {
            read.inc(item.skippedRecords);
            skipped.inc(item.skippedRecords);
        }
    }

    /** The window operator's own rule: late once the day's last millisecond plus the lateness is behind the watermark. */
    private boolean isLate(EmailEvent email) {
        return CalendarDayWindows.isClosed(days.windowOf(email.eventTime), allowedLatenessMillis, watermark);
    }

    private String dayOf(EmailEvent email) {
        return CalendarDays.dayOf(email.eventTime, zone).toString();
    }
}
