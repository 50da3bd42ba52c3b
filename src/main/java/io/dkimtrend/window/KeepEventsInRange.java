package io.dkimtrend.window;

import io.dkimtrend.config.TimeRange;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * A backfill reads a padded range (Kafka timestamps and export folders are not event time) and
 * keeps the emails whose Timestamp lies in what it replays; the others are counted, not lost. The
 * first step of counting: behind deduplication, before {@link PreAggregateDays} counts the emails
 * into their days.
 */
public class KeepEventsInRange extends RichFilterFunction<EmailEvent> {

    private final TimeRange range;
    private transient Counter outside;

    public KeepEventsInRange(TimeRange range) {
        this.range = range;
    }

    @Override
    public void open(OpenContext context) {
        outside = RunCounters.register(getRuntimeContext(), MetricNames.EMAILS_OUTSIDE_RANGE);
    }

    @Override
    public boolean filter(EmailEvent email) {
        if (range.contains(email.eventTime)) {
            return true;
        }
        outside.inc();
        return false;
    }
}
