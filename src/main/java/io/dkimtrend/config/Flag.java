package io.dkimtrend.config;

import io.dkimtrend.parse.MessageParser;
import org.apache.flink.util.TimeUtils;

/**
 * Every flag of the job with the value it takes, its default and the text {@code --help} prints: the
 * one table that {@code --help}, the parsing of {@link JobConfig}, the README (see ReadmeTest) and the
 * unknown-flag check all follow.
 *
 * <p>A default is written here once, as the text a user would give the flag ({@code 10}, {@code 48 h},
 * {@code UTC}): {@link JobConfig} reads an absent flag by parsing its default with the same parser
 * as a given value, and {@code --help} prints it. A flag without a default is null when absent, or
 * its description says what takes its place (another flag's value, the cluster's setting).
 */
public enum Flag {
    EVENTS("events", "PATH", "Archived messages: a file or a folder read recursively, plain or .gz. Bounded: runs in BATCH mode and ends."),
    BOOTSTRAP_SERVERS("bootstrap-servers", "HOST:PORT", "Kafka (or Event Hubs' Kafka endpoint) to read events from; also the default for the output topics."),
    EVENTS_TOPIC("events-topic", "TOPIC", "Topic of Defender Streaming-API messages."),
    GROUP_ID("group-id", "ID", "dkim-trend", "Consumer group of the events source."),
    STARTING_OFFSETS("starting-offsets", "WHERE", "committed", "earliest | latest | committed (earliest when the group has none) | timestamp:EPOCH_MILLIS."),
    BOUNDED("bounded", null, "Read the events topic up to the offsets that are latest at start, then finish (every day closes); never resumes from a checkpoint."),
    FROM("from", "INSTANT|DATE", "Backfill: replay the days from this one (widened to whole days of --zone), in BATCH mode."),
    UNTIL("until", "INSTANT|DATE", "Backfill: up to this instant (exclusive; widened to the end of its day)."),
    RANGE_PADDING("range-padding", "DURATION", "1 d", "Backfill: how long after an event it may arrive (Kafka timestamps, export folders)."),
    KAFKA("kafka.<property>", "VALUE", "Passed to the source's Kafka clients, e.g. --kafka.security.protocol SASL_SSL."),
    KAFKA_PROPERTIES("kafka-properties", "FILE", "Java properties file of kafka.<property> and sink-kafka.<property> lines (and jdbc.password), for credentials; also DKIM_TREND_KAFKA_<PROPERTY> environment variables."),
    MAX_MESSAGE_BYTES("max-message-bytes", "N", String.valueOf(MessageParser.DEFAULT_MAX_MESSAGE_BYTES),
            "Larger messages become dead letters."),
    MAX_FUTURE_SKEW("max-future-skew", "DURATION", TimeUtils.formatWithHighestUnit(MessageParser.DEFAULT_MAX_FUTURE_SKEW),
            "An email whose Timestamp lies further ahead of the wall clock when it is read becomes a dead letter, before it can move a watermark."),
    METRICS_TOPIC("metrics-topic", "TOPIC", "Daily metric records, key series/day, exactly-once (transactional)."),
    METRICS_FILE("metrics-file", "DIR", "Daily metric records as NDJSON part files in DIR."),
    DEAD_LETTER_TOPIC("dead-letter-topic", "TOPIC", "Rejected messages and records, with reason, origin and text."),
    DEAD_LETTER_FILE("dead-letter-file", "DIR", "Rejected messages and records as NDJSON part files in DIR."),
    LATE_EVENTS_TOPIC("late-events-topic", "TOPIC", "Emails too late to correct their day: day, reason, origin and text."),
    LATE_EVENTS_FILE("late-events-file", "DIR", "The same as NDJSON part files in DIR."),
    ALERTS_TOPIC("alerts-topic", "TOPIC", "Spike alerts, key series/day/metric: preliminary, confirmed or withdrawn."),
    ALERTS_FILE("alerts-file", "DIR", "Spike alerts as NDJSON part files in DIR."),
    JDBC_URL("jdbc-url", "URL", "PostgreSQL (jdbc:postgresql://HOST:PORT/DB) to upsert the day records and alerts into, one row per series and day (per metric for alerts); password from DKIM_TREND_JDBC_PASSWORD or jdbc.password in --kafka-properties."),
    JDBC_USER("jdbc-user", "NAME", "The database user of --jdbc-url."),
    JDBC_TABLE("jdbc-table", "TABLE", "dkim_trend_daily", "Table of the day records, created when missing."),
    JDBC_ALERTS_TABLE("jdbc-alerts-table", "TABLE", "dkim_trend_alerts", "Table of the spike alerts, created when missing."),
    CHART("chart", "PATH", "Draw the daily series into PATH (.png or .svg) when a bounded run ends; the chart command draws a metrics folder or topic."),
    BASELINE_DAYS("baseline-days", "N", "28", "Days before a day that its baseline is learned from."),
    BASELINE_MIN_DAYS("baseline-min-days", "N", "14", "No alerts until the baseline holds this many days with email, every weekday among them."),
    ALERT_THRESHOLD("alert-threshold", "SCORE", "3.5", "Robust z-score above which a day alerts; high severity from twice that."),
    ALERT_MIN_EMAILS("alert-min-emails", "N", "50", "A day with fewer emails never alerts."),
    ALERT_MIN_FAILURES("alert-min-failures", "N", "10", "A day with fewer DKIM failures never alerts."),
    SINK_BOOTSTRAP_SERVERS("sink-bootstrap-servers", "HOST:PORT", "Kafka for the output topics when it is not the events' (Event Hubs has no transactions)."),
    SINK_KAFKA("sink-kafka.<property>", "VALUE", "Passed to the output topics' Kafka clients; without any, the --kafka.* properties apply."),
    TRANSACTIONAL_ID_PREFIX("transactional-id-prefix", "PREFIX", "dkim-trend", "Prefix of the Kafka transactional ids, unique per job; a backfill without the flag appends "
            + JobConfig.BACKFILL_SUFFIX + " to it."),
    TRANSACTION_TIMEOUT("transaction-timeout", "DURATION", "10 min", "Kafka transaction timeout, below the broker's transaction.max.timeout.ms."),
    ZONE("zone", "ZONE", "UTC", "Time zone of the calendar days, e.g. Europe/Berlin."),
    NO_DEDUP("no-dedup", null, "Count every row as the Sentinel query does, duplicates included."),
    DEDUP_HORIZON("dedup-horizon", "DURATION", "48 h", "How long (event time) a NetworkMessageId+recipient is remembered."),
    STATE_BACKEND("state-backend", "hashmap|rocksdb", "Where keyed state lives: the heap, or RocksDB on local disk for more dedup keys than the heap holds; without the flag, the cluster's state.backend.type, else hashmap."),
    MAX_OUT_OF_ORDERNESS("max-out-of-orderness", "DURATION", "10 min", "Watermark delay behind the newest event of a partition."),
    IDLE_TIMEOUT("idle-timeout", "DURATION", "1 min", "A partition without events for this long stops holding the watermark back."),
    ALLOWED_LATENESS("allowed-lateness", "DURATION", "6 h", "Events this late still correct their closed day; later ones go to the late-events output."),
    UPDATE_INTERVAL("update-interval", "DURATION", "1 min", "A live run emits running (non-final) records of open days at most this often."),
    SERIES_BY("series-by", "all|tenant", "all", "all: one series over every tenant; tenant: also a series per tenantId."),
    TOP_DOMAINS("top-domains", "N", "10", "Sender domains with the most DKIM failures in each day record and alert; 0: none, no per-domain state."),
    JOB_NAME("job-name", "NAME", "The job's name in Flink and in its metrics' job_name label; without the flag, the cluster's pipeline.name, else "
            + JobConfig.DEFAULT_JOB_NAME + " (" + JobConfig.DEFAULT_JOB_NAME + JobConfig.BACKFILL_SUFFIX + " for a backfill)."),
    PARALLELISM("parallelism", "N", "Default parallelism of the job."),
    CHECKPOINT_DIR("checkpoint-dir", "DIR", "Where checkpoints are kept: a folder (a plain path, or a URI such as s3://bucket/ckpt); a live run resumes from the newest one left there."),
    FROM_SAVEPOINT("from-savepoint", "PATH", "Start from this savepoint or checkpoint (a local run; on a cluster use flink run -s)."),
    CHECKPOINT_INTERVAL("checkpoint-interval", "DURATION", "30 s", "Checkpoint interval of a streaming run; metrics are committed to Kafka at each checkpoint."),
    HELP("help", null, "Print this help.");

    public final String name;
    /** What the flag takes, as {@code --help} names it; null for a switch. */
    public final String argument;
    /** The value of an absent flag, in the flag's own syntax; null when it has none. */
    public final String defaultValue;
    public final String description;

    Flag(String name, String argument, String description) {
        this(name, argument, null, description);
    }

    Flag(String name, String argument, String defaultValue, String description) {
        this.name = name;
        this.argument = argument;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    static boolean isKnown(String name) {
        for (Flag flag : values()) {
            if (flag.name.equals(name)) return true;
        }
        return false;
    }
}
