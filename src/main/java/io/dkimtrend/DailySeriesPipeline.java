package io.dkimtrend;

import io.dkimtrend.alert.SpikeDetector;
import io.dkimtrend.calendar.CalendarDayWindows;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.config.TimeRange;
import io.dkimtrend.dedup.DeduplicateEmails;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.PartialDay;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.source.SplitSourceItems;
import io.dkimtrend.window.CountDay;
import io.dkimtrend.window.EarlyUpdateTrigger;
import io.dkimtrend.window.EmitDayMetric;
import io.dkimtrend.window.FillEmptyDays;
import io.dkimtrend.window.KeepEventsInRange;
import io.dkimtrend.window.LateEvents;
import io.dkimtrend.window.LatePartialDays;
import io.dkimtrend.window.PreAggregateDays;
import io.dkimtrend.window.SeriesSelector;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * The job's logic between sources and sinks, in named steps: split what the sources parsed,
 * deduplicate, count per calendar day, fill empty days, detect spikes. Sources and sinks are attached by the
 * caller, so tests can run the same pipeline on their own inputs.
 */
public final class DailySeriesPipeline {

    /** The overall series, over every tenant. */
    public static final String ALL = SeriesSelector.ALL;

    /** Emails whose day was closed, by the window's rule, when they came to be counted (a safety net). */
    static final OutputTag<EmailEvent> LATE_EVENTS_AT_WINDOW = new OutputTag<>("late-events-at-window") {};
    static final OutputTag<PartialDay> LATE_PARTIALS = new OutputTag<>("late-partial-days") {};

    /** Longest a running count waits in a subtask before it goes on to its day's window. */
    private static final long MAX_FLUSH_INTERVAL = 1000;

    public record Outputs(DataStream<DayMetric> metrics, DataStream<DeadLetter> deadLetters,
            DataStream<LateEvent> lateEvents, DataStream<Alert> alerts) {}

    private DailySeriesPipeline() {}

    public static Outputs build(DataStream<SourceItem> parsed, JobConfig config) {
        SingleOutputStreamOperator<EmailEvent> emails = parsed
                .process(new SplitSourceItems(config.zone, config.allowedLateness))
                .name("Split parsed messages").uid("split-parsed-messages");

        DataStream<EmailEvent> distinct = !config.dedup ? emails : emails
                .keyBy(EmailIdentity.BUCKET, EmailIdentity.BUCKET_TYPE)
                .process(new DeduplicateEmails(config.dedupHorizon.toMillis(), !config.runsInBatch()))
                .name("Deduplicate emails").uid("deduplicate-emails-by-bucket");

        DataStream<EmailEvent> counted = config.range == null ? distinct : distinct
                .filter(new KeepEventsInRange(config.readRange()))
                .name("Keep the backfill's events").uid("backfill-events");
        SingleOutputStreamOperator<PartialDay> partials = preAggregate(counted, config);
        SingleOutputStreamOperator<DayMetric> days = countPerDay(partials, config);

        DataStream<DayMetric> series = days
                .keyBy(metric -> metric.series)
                .process(new FillEmptyDays(config.zone, config.topDomains > 0))
                .name("Fill empty days").uid("fill-empty-days");

        DataStream<LateEvent> lateAtWindow = partials.getSideOutput(LATE_EVENTS_AT_WINDOW)
                .map(new LateEvents(config.zone))
                .name("Late events at the window").uid("late-events-at-window")
                .union(days.getSideOutput(LATE_PARTIALS)
                        .map(new LatePartialDays(config.zone))
                        .name("Late counts at the window").uid("late-counts-at-window"));

        DataStream<Alert> alerts = series
                .keyBy(metric -> metric.series)
                .process(new SpikeDetector(config.zone, config.alertSettings()))
                .name("Detect spikes").uid("spike-detector");

        if (config.range != null) {
            // Days read only as the alerts' baseline or as padding are not the backfill's to write.
            TimeRange range = config.range;
            ZoneId zone = config.zone;
            series = series.filter(metric -> range.containsDay(LocalDate.parse(metric.day), zone))
                    .name("Keep the backfill's days").uid("backfill-days");
            alerts = alerts.filter(alert -> range.containsDay(LocalDate.parse(alert.day), zone))
                    .name("Keep the backfill's alerts").uid("backfill-alerts");
        }
        return new Outputs(series, emails.getSideOutput(SplitSourceItems.DEAD_LETTERS),
                emails.getSideOutput(SplitSourceItems.LATE_EVENTS).union(lateAtWindow), alerts);
    }

    /**
     * Counts per series and day (with --series-by tenant an email counts in two) inside each subtask,
     * chained to deduplication, so that the shuffle to the day's window carries partial counts
     * instead of emails; emails too late go to {@link #LATE_EVENTS_AT_WINDOW}.
     */
    static SingleOutputStreamOperator<PartialDay> preAggregate(DataStream<EmailEvent> emails, JobConfig config) {
        long flushInterval = config.runsInBatch() ? 0 : Math.min(config.updateInterval.toMillis(), MAX_FLUSH_INTERVAL);
        SeriesSelector series = config.seriesByTenant ? SeriesSelector.overallAndTenant() : SeriesSelector.overall();
        return emails
                .transform("Pre-aggregate days", TypeInformation.of(PartialDay.class), new PreAggregateDays(
                        config.zone, series, config.topDomains > 0, config.allowedLateness.toMillis(),
                        LATE_EVENTS_AT_WINDOW, flushInterval, config.dedup))
                .uid("pre-aggregate-days");
    }

    /** Event-time tumbling windows of one calendar day per series, merging the partial counts. */
    static SingleOutputStreamOperator<DayMetric> countPerDay(DataStream<PartialDay> partials, JobConfig config) {
        return partials
                .keyBy(partial -> partial.series)
                .window(CalendarDayWindows.of(config.zone))
                .trigger(trigger(config))
                .allowedLateness(config.allowedLateness)
                .sideOutputLateData(LATE_PARTIALS)
                .aggregate(new CountDay(), new EmitDayMetric(config.zone, config.topDomains))
                .name("Count emails per day").uid("daily-counts");
    }

    /** Running records of open days in a live run; a bounded replay only needs each day's final one. */
    private static Trigger<Object, TimeWindow> trigger(JobConfig config) {
        return config.runsInBatch()
                ? EventTimeTrigger.create()
                : new EarlyUpdateTrigger(config.updateInterval.toMillis());
    }
}
