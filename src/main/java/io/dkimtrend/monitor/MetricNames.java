package io.dkimtrend.monitor;

/**
 * The names of the metrics the job adds to Flink's own, one name per quantity: the operator that
 * keeps it registers it under this name, a counter of {@link RunCounters} is also the accumulator of
 * this name that a bounded run's summary reads, and {@code docs/monitoring.md} and the dashboard in
 * {@code deploy/monitoring} call it the same. The names are the Prometheus names'
 * {@code <metric>} in {@code flink_taskmanager_job_task_operator_<metric>}: renaming one breaks
 * every dashboard and alert rule that reads it, and its history.
 *
 * <p>In the order of the pipeline, each with the operator that keeps it.
 */
public final class MetricNames {

    private MetricNames() {}

    // Split parsed messages (SplitSourceItems): every record the sources read, once

    /** Every record the sources read: the sum of the email, skipped and dead-letter counts. */
    public static final String RECORDS_READ = "recordsRead";
    /** EmailEvents rows with a usable Timestamp, late ones included. */
    public static final String EMAIL_RECORDS = "emailRecords";
    /** Of those, the rows whose DKIM verdict is fail (before deduplication). */
    public static final String DKIM_FAIL_RECORDS = "dkimFailRecords";
    /** Records of other tables, skipped by design. */
    public static final String SKIPPED_RECORDS = "skippedRecords";
    /** Messages and records rejected by the parser. */
    public static final String DEAD_LETTERS = "deadLetters";
    /** Emails too late to correct their day, caught next to the source (also in {@link #EMAIL_RECORDS}). */
    public static final String LATE_EVENTS = "lateEvents";
    /** A gauge: wall clock minus the watermark, as of the last record. */
    public static final String EVENT_TIME_LAG_MILLIS = "eventTimeLagMillis";

    // Follow the wall clock when quiet (WallClockWhenQuiet)

    /** A gauge: 1 while a quiet live source instance's event time follows the wall clock, else 0. */
    public static final String EVENT_TIME_FOLLOWS_WALL_CLOCK = "eventTimeFollowsWallClock";

    // Deduplicate emails (DeduplicateEmails)

    /** Copies of an email already counted. */
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    // Keep the backfill's events (KeepEventsInRange)

    /** Emails a backfill read (padding, baseline days) but does not replay. */
    public static final String EMAILS_OUTSIDE_RANGE = "emailsOutsideRange";

    // Pre-aggregate days (PreAggregateDays)

    /** Emails counted into a partial count of their day (after deduplication; late ones are not). */
    public static final String EMAILS_COUNTED = "emailsCounted";
    /** Of those, the emails whose DKIM verdict is fail. */
    public static final String DKIM_FAILURES_COUNTED = "dkimFailuresCounted";

    // Late events at the window (LateEvents)

    /**
     * A safety net at 0: emails that passed the source-side check but whose day was closed, by the
     * window's rule, when they came to be counted.
     */
    public static final String LATE_EVENTS_AT_WINDOW = "lateEventsAtWindow";

    // Late counts at the window (LatePartialDays)

    /** A safety net at 0: emails of partial counts that reached their day's window after it closed. */
    public static final String LATE_EMAILS_AT_WINDOW = "lateEmailsAtWindow";

    // Count emails per day (EmitDayMetric)

    /** Day records the window emitted, running and final. */
    public static final String DAY_RECORDS_EMITTED = "dayRecordsEmitted";

    // Detect spikes (SpikeDetector)

    /** Alert records emitted: preliminary, confirmed, withdrawn. */
    public static final String ALERTS_EMITTED = "alertsEmitted";

    // Count final days (CountFinalDays)

    /** Final day records on their way to the sinks: the days written, filled empty days included. */
    public static final String FINAL_DAY_RECORDS = "finalDayRecords";
}
