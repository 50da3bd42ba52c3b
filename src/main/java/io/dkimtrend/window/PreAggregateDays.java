package io.dkimtrend.window;

import io.dkimtrend.calendar.CalendarDayWindows;
import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.PartialDay;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Counts emails per series and day (and per sender domain, when asked) inside each subtask, before
 * the shuffle to the day's window, so that parsing and deduplication spread over every slot while
 * the window, keyed by series, only merges partial counts.
 *
 * <p>The partial counts are flushed before each watermark goes on, before each checkpoint barrier
 * and at the end of the input: they never have to be part of a checkpoint, and they reach the
 * window before any watermark that could close their day. In a live run they are also flushed on
 * a processing-time interval, so that running records stay current on a quiet watermark, and
 * whenever they hold more than {@link #MAX_HELD_DOMAINS} sender domains.
 *
 * <p>An email whose day is already closed here goes to the late output whole; an email on time
 * here is on time at the window too, since the window's watermark is never ahead of this one.
 *
 * <p>That holds only while this subtask is never idle at the window. Behind the deduplication
 * shuffle every subtask reads every source instance, so all of them see the same watermarks, and
 * idleness (every source quiet) says nothing the watermark does not; passed on, it lets the window
 * advance on one subtask's watermark while another, resuming a moment later on the same events,
 * still carries their counts, which then arrive after their day closed. So behind a shuffle this
 * operator keeps idleness to itself; chained to the sources ({@code --no-dedup}) it passes it on,
 * since there an idle subtask is an idle source instance that must not hold the window back.
 */
public class PreAggregateDays extends AbstractStreamOperator<PartialDay>
        implements OneInputStreamOperator<EmailEvent, PartialDay>, BoundedOneInput {

    /**
     * Sender domains held over all partial counts before they go on regardless: a bounded replay
     * flushes only at its end, and would otherwise hold every day's domains at once.
     */
    static final int MAX_HELD_DOMAINS = 100_000;

    private final ZoneId zone;
    private final SeriesSelector series;
    /** Whether each day also counts per sender domain. */
    private final boolean countsDomains;
    private final long allowedLatenessMillis;
    private final OutputTag<EmailEvent> late;
    /** Flush period in a live run; 0 when the run is bounded and a flush at the end suffices. */
    private final long flushIntervalMillis;
    /** Whether every subtask reads every source instance (behind a shuffle): then idleness stays here. */
    private final boolean readsEverySource;

    private transient CalendarDayWindows days;
    private transient Map<SeriesDay, DayCounts> partials;
    private transient long watermark;
    private transient int heldDomains;
    private transient Counter emailsCounted;
    private transient Counter dkimFailures;

    private record SeriesDay(String series, long dayStart) {}

    public PreAggregateDays(ZoneId zone, SeriesSelector series, boolean countsDomains, long allowedLatenessMillis,
            OutputTag<EmailEvent> late, long flushIntervalMillis, boolean readsEverySource) {
        this.zone = zone;
        this.series = series;
        this.countsDomains = countsDomains;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.late = late;
        this.flushIntervalMillis = flushIntervalMillis;
        this.readsEverySource = readsEverySource;
    }

    @Override
    public void open() throws Exception {
        super.open();
        days = CalendarDayWindows.of(zone);
        partials = new HashMap<>();
        watermark = Long.MIN_VALUE;
        emailsCounted = RunCounters.register(getRuntimeContext(), MetricNames.EMAILS_COUNTED);
        dkimFailures = RunCounters.register(getRuntimeContext(), MetricNames.DKIM_FAILURES_COUNTED);
        if (flushIntervalMillis > 0) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement(StreamRecord<EmailEvent> record) throws Exception {
        EmailEvent email = record.getValue();
        TimeWindow day = days.windowOf(email.eventTime);
        if (CalendarDayWindows.isClosed(day, allowedLatenessMillis, watermark)) {
            output.collect(late, record);
            return;
        }
        for (String name : series.seriesOf(email)) {
            DayCounts counts = partials.computeIfAbsent(new SeriesDay(name, day.getStart()),
                    key -> countsDomains ? DayCounts.withDomains() : new DayCounts());
            int domainsBefore = counts.domainCount();
            counts.add(email);
            heldDomains += counts.domainCount() - domainsBefore;
        }
        emailsCounted.inc();
        if (email.dkimFailed()) dkimFailures.inc();
        if (heldDomains > MAX_HELD_DOMAINS) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (!readsEverySource) {
            super.processWatermarkStatus(status);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
            flush();
            scheduleFlush();
        });
    }

    private void flush() {
        if (partials.isEmpty()) return;
        partials.forEach((key, counts) ->
                output.collect(new StreamRecord<>(new PartialDay(key.series(), key.dayStart(), counts), key.dayStart())));
        partials.clear();
        heldDomains = 0;
    }
}
