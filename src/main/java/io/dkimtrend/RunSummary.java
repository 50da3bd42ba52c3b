package io.dkimtrend;

import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * What a bounded run did, from the accumulators {@code execute()} returns (see {@link RunCounters}):
 * the line the job logs when it ends. Each figure is named as its counter ({@link MetricNames}).
 *
 * @param recordsRead every record the sources read: emails, skipped records and dead letters
 * @param emailRecords EmailEvents rows with a usable Timestamp
 * @param dkimFailRecords of those, rows whose DKIM verdict is fail (before deduplication)
 * @param skippedRecords records of other tables
 * @param deadLetters messages and records rejected by the parser
 * @param emailsCounted emails counted into a partial count of their day
 * @param lateEvents emails too late to correct their day, caught next to the source
 * @param lateEventsAtWindow emails too late that got past the source's check (a safety net: 0)
 * @param lateEmailsAtWindow emails of partial counts that reached their day's window after it closed
 *     (a safety net: 0)
 * @param duplicatesDropped copies of an email already counted
 * @param emailsOutsideRange emails a backfill read but does not replay
 * @param finalDayRecords final day records written
 * @param elapsed the job's run time on the cluster
 */
public record RunSummary(long recordsRead, long emailRecords, long dkimFailRecords, long skippedRecords,
        long deadLetters, long emailsCounted, long lateEvents, long lateEventsAtWindow, long lateEmailsAtWindow,
        long duplicatesDropped, long emailsOutsideRange, long finalDayRecords, Duration elapsed) {

    /** The summary of a finished job; empty for a job submitted detached, whose result the client never sees. */
    public static Optional<RunSummary> of(JobExecutionResult result) {
        if (!result.isJobExecutionResult()) {
            return Optional.empty();
        }
        Map<String, Object> totals = result.getAllAccumulatorResults();
        return Optional.of(new RunSummary(
                total(totals, MetricNames.RECORDS_READ),
                total(totals, MetricNames.EMAIL_RECORDS),
                total(totals, MetricNames.DKIM_FAIL_RECORDS),
                total(totals, MetricNames.SKIPPED_RECORDS),
                total(totals, MetricNames.DEAD_LETTERS),
                total(totals, MetricNames.EMAILS_COUNTED),
                total(totals, MetricNames.LATE_EVENTS),
                total(totals, MetricNames.LATE_EVENTS_AT_WINDOW),
                total(totals, MetricNames.LATE_EMAILS_AT_WINDOW),
                // absent without deduplication, or outside a backfill: nothing was dropped there
                total(totals, MetricNames.DUPLICATES_DROPPED),
                total(totals, MetricNames.EMAILS_OUTSIDE_RANGE),
                total(totals, MetricNames.FINAL_DAY_RECORDS),
                Duration.ofMillis(result.getNetRuntime())));
    }

    /**
     * Emails that went into their day, the log line's "counted": {@link #emailsCounted}, less those
     * whose partial count came too late to the window.
     */
    public long emailsInDays() {
        return emailsCounted - lateEmailsAtWindow;
    }

    /** Emails too late to correct their day, wherever they were caught. */
    public long lateTotal() {
        return lateEvents + lateEventsAtWindow + lateEmailsAtWindow;
    }

    /** Email rows neither counted nor dropped for a named reason: 0 unless an email was lost. */
    public long unaccounted() {
        return emailRecords - emailsInDays() - duplicatesDropped - lateTotal() - emailsOutsideRange;
    }

    public long recordsPerSecond() {
        long millis = Math.max(1, elapsed.toMillis());
        return Math.round(recordsRead * 1000.0 / millis);
    }

    /** One line for the log, every figure named. */
    public String line() {
        String line = String.format(Locale.ROOT,
                "dkim-trend finished in %.1f s: read %d records (%d/s): %d emails (%d failing DKIM), "
                        + "%d of other tables skipped, %d dead-lettered; counted %d emails, dropped %d duplicates, "
                        + "%d late, %d outside the range; wrote %d days",
                elapsed.toMillis() / 1000.0, recordsRead, recordsPerSecond(), emailRecords, dkimFailRecords,
                skippedRecords, deadLetters, emailsInDays(), duplicatesDropped, lateTotal(), emailsOutsideRange,
                finalDayRecords);
        if (unaccounted() != 0) {
            line += String.format(Locale.ROOT, "; %d email rows unaccounted for", unaccounted());
        }
        return line;
    }

    private static long total(Map<String, Object> totals, String name) {
        Object value = totals.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
