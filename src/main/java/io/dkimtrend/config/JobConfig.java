package io.dkimtrend.config;

import io.dkimtrend.alert.AlertSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.ExecutionConfig;

/**
 * Everything the job can be told, read from the command line in one place. Each field is one flag
 * of {@link Flag}; {@code --help} and the README list the same flags. An absent flag takes the
 * default of its {@link Flag}, parsed as a given value would be: no default is written here.
 *
 * <p>Read-only once parsed: every field is final and assigned once by {@link #fromArgs}, and the
 * Kafka property maps are unmodifiable. A configuration is shipped inside the job's operators, so
 * it stays {@link Serializable}; its {@link #jdbcPassword} does not travel.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Prefix of Kafka client properties for the events source, passed through as they are. */
    public static final String KAFKA_PREFIX = KafkaProperties.SOURCE;
    /** Prefix of Kafka client properties for the output topics, when those live elsewhere. */
    public static final String SINK_KAFKA_PREFIX = KafkaProperties.SINK;
    /**
     * Added to the default --transactional-id-prefix and job name by a backfill, so that it never
     * fences the live job and its counters never add up with the live job's.
     */
    public static final String BACKFILL_SUFFIX = "-backfill";
    /** The job's name without --job-name or a cluster's pipeline.name. */
    public static final String DEFAULT_JOB_NAME = "dkim-trend";

    // Input
    public final String events;
    public final String bootstrapServers;
    public final String eventsTopic;
    public final String groupId;
    public final String startingOffsets;
    public final boolean bounded;
    /** The source's Kafka client properties ({@code kafka.*}), unmodifiable; secrets masked when printed. */
    public final Map<String, String> kafkaProperties;
    public final int maxMessageBytes;
    public final Duration maxFutureSkew;
    public final String from;
    public final String until;
    public final Duration rangePadding;
    /** The whole days a backfill replays, or null. */
    public final TimeRange range;

    // Output
    public final String metricsTopic;
    public final String metricsFile;
    public final String deadLetterTopic;
    public final String deadLetterFile;
    public final String lateEventsTopic;
    public final String lateEventsFile;
    public final String alertsTopic;
    public final String alertsFile;
    /** A .png or .svg file the daily series is drawn into at the end of a bounded run, or null. */
    public final String chart;
    /** PostgreSQL of the day records and alerts (a jdbc:postgresql: URL without a password), or null. */
    public final String jdbcUrl;
    public final String jdbcUser;
    /**
     * From {@value JdbcPassword#ENVIRONMENT} or {@value JdbcPassword#FILE_KEY} in the properties file,
     * never the command line; transient, so that no copy of the configuration carries it: a
     * deserialized configuration (an operator's) holds null.
     */
    public final transient String jdbcPassword;
    public final String jdbcTable;
    public final String jdbcAlertsTable;
    public final String sinkBootstrapServers;
    /** The output topics' Kafka client properties ({@code sink-kafka.*}), unmodifiable. */
    public final Map<String, String> sinkKafkaProperties;
    public final String transactionalIdPrefix;
    public final Duration transactionTimeout;

    // Semantics
    public final ZoneId zone;
    public final boolean dedup;
    public final Duration dedupHorizon;
    /** Flink's state.backend.type for this job, or null to leave it to the cluster's configuration. */
    public final String stateBackend;
    public final Duration maxOutOfOrderness;
    public final Duration idleTimeout;
    public final Duration allowedLateness;
    public final Duration updateInterval;
    /** A series per tenant beside {@code all}. */
    public final boolean seriesByTenant;
    /** Length of each day's list of sender domains with the most DKIM failures; 0: no domains counted. */
    public final int topDomains;

    // Alerts
    public final int baselineDays;
    public final int baselineMinDays;
    public final double alertThreshold;
    public final long alertMinEmails;
    public final long alertMinFailures;

    // Runtime
    /** --job-name, or null: the cluster's pipeline.name names the job, else a default (DkimTrendJob.jobName). */
    public final String jobName;
    /** --parallelism, or Flink's {@link ExecutionConfig#PARALLELISM_DEFAULT}: the environment's own. */
    public final int parallelism;
    public final String checkpointDir;
    public final String fromSavepoint;
    public final Duration checkpointInterval;

    /** True when no input was named: the bundled sample events are replayed. */
    public final boolean demo;
    public final boolean help;

    public static JobConfig fromArgs(String... args) {
        return fromArgs(System.getenv(), args);
    }

    /** The configuration of a command line, with Kafka properties also from {@code environment}. */
    public static JobConfig fromArgs(Map<String, String> environment, String... args) {
        JobConfig config = new JobConfig(CommandLine.parse(args), environment);
        // --help only prints the flags: whatever else is given with it need not make a workable run.
        if (!config.help) {
            JobConfigValidator.validate(config);
        }
        return config;
    }

    /** Each field assigned once, from the command line (or a flag's default) and the environment. */
    private JobConfig(CommandLine line, Map<String, String> environment) {
        KafkaProperties.Values source = new KafkaProperties.Values();
        KafkaProperties.Values sink = new KafkaProperties.Values();
        // Lowest precedence first: the file, the environment, then the command line.
        if (line.has(Flag.KAFKA_PROPERTIES)) {
            KafkaProperties.readFile(Path.of(line.getLocalFile(Flag.KAFKA_PROPERTIES)), source, sink);
        }
        KafkaProperties.readEnvironment(environment, source, sink);
        jdbcPassword = JdbcPassword.read(
                line.has(Flag.KAFKA_PROPERTIES) ? Path.of(line.getLocalFile(Flag.KAFKA_PROPERTIES)) : null, environment);
        line.putKafkaProperties(source, sink);
        line.requireKnownFlags();
        help = line.has(Flag.HELP);
        events = line.getFlinkPlace(Flag.EVENTS);
        bootstrapServers = line.get(Flag.BOOTSTRAP_SERVERS);
        eventsTopic = line.get(Flag.EVENTS_TOPIC);
        groupId = line.get(Flag.GROUP_ID);
        startingOffsets = line.get(Flag.STARTING_OFFSETS);
        bounded = line.has(Flag.BOUNDED);
        from = line.get(Flag.FROM);
        until = line.get(Flag.UNTIL);
        rangePadding = line.getDuration(Flag.RANGE_PADDING);
        maxMessageBytes = line.getInt(Flag.MAX_MESSAGE_BYTES);
        maxFutureSkew = line.getDuration(Flag.MAX_FUTURE_SKEW);
        metricsTopic = line.get(Flag.METRICS_TOPIC);
        metricsFile = line.getFlinkPlace(Flag.METRICS_FILE);
        deadLetterTopic = line.get(Flag.DEAD_LETTER_TOPIC);
        deadLetterFile = line.getFlinkPlace(Flag.DEAD_LETTER_FILE);
        lateEventsTopic = line.get(Flag.LATE_EVENTS_TOPIC);
        lateEventsFile = line.getFlinkPlace(Flag.LATE_EVENTS_FILE);
        alertsTopic = line.get(Flag.ALERTS_TOPIC);
        alertsFile = line.getFlinkPlace(Flag.ALERTS_FILE);
        jdbcUrl = line.get(Flag.JDBC_URL);
        jdbcUser = line.get(Flag.JDBC_USER);
        jdbcTable = line.get(Flag.JDBC_TABLE);
        jdbcAlertsTable = line.get(Flag.JDBC_ALERTS_TABLE);
        chart = line.getLocalFile(Flag.CHART);
        baselineDays = line.getInt(Flag.BASELINE_DAYS);
        baselineMinDays = line.getInt(Flag.BASELINE_MIN_DAYS);
        alertThreshold = line.getDouble(Flag.ALERT_THRESHOLD);
        alertMinEmails = line.getLong(Flag.ALERT_MIN_EMAILS);
        alertMinFailures = line.getLong(Flag.ALERT_MIN_FAILURES);
        sinkBootstrapServers = line.has(Flag.SINK_BOOTSTRAP_SERVERS) ? line.get(Flag.SINK_BOOTSTRAP_SERVERS)
                : bootstrapServers;
        boolean backfill = from != null || until != null;
        // A backfill never fences the live job: it writes under transactional ids of its own.
        transactionalIdPrefix = line.get(Flag.TRANSACTIONAL_ID_PREFIX)
                + (backfill && !line.has(Flag.TRANSACTIONAL_ID_PREFIX) ? BACKFILL_SUFFIX : "");
        transactionTimeout = line.getDuration(Flag.TRANSACTION_TIMEOUT);
        zone = FlagValues.zone(line.get(Flag.ZONE));
        dedup = !line.has(Flag.NO_DEDUP);
        dedupHorizon = line.getDuration(Flag.DEDUP_HORIZON);
        stateBackend = line.get(Flag.STATE_BACKEND);
        maxOutOfOrderness = line.getDuration(Flag.MAX_OUT_OF_ORDERNESS);
        idleTimeout = line.getDuration(Flag.IDLE_TIMEOUT);
        allowedLateness = line.getDuration(Flag.ALLOWED_LATENESS);
        updateInterval = line.getDuration(Flag.UPDATE_INTERVAL);
        seriesByTenant = FlagValues.seriesByTenant(line.get(Flag.SERIES_BY));
        topDomains = line.getInt(Flag.TOP_DOMAINS);
        jobName = line.get(Flag.JOB_NAME);
        parallelism = line.has(Flag.PARALLELISM) ? line.getInt(Flag.PARALLELISM) : ExecutionConfig.PARALLELISM_DEFAULT;
        checkpointDir = line.getFlinkPlace(Flag.CHECKPOINT_DIR);
        fromSavepoint = line.getFlinkPlace(Flag.FROM_SAVEPOINT);
        checkpointInterval = line.getDuration(Flag.CHECKPOINT_INTERVAL);
        if (sink.isEmpty() && (sinkBootstrapServers == null || sinkBootstrapServers.equals(bootstrapServers))) {
            sink.putAll(source);
        }
        kafkaProperties = Collections.unmodifiableMap(source);
        sinkKafkaProperties = Collections.unmodifiableMap(sink);
        range = backfill ? TimeRange.wholeDays(from, until, zone) : null;
        demo = !help && events == null && eventsTopic == null;
    }


    /** A bounded run: archives, a backfill, or a Kafka topic read up to its latest offsets. */
    public boolean isBounded() {
        return events != null || demo || bounded || range != null;
    }

    /** Whether the run reads archives rather than Kafka. */
    public boolean readsArchives() {
        return events != null || demo;
    }

    /** Archives and backfills run in BATCH mode: only each day's final record, no watermarks. */
    public boolean runsInBatch() {
        return readsArchives() || range != null;
    }

    /**
     * What a backfill reads: its days, the baseline days before them (so that alerts match the
     * live run's), and the padding after them for late arrivals.
     */
    public TimeRange readRange() {
        return range.widened(Duration.ofDays(baselineDays), rangePadding);
    }

    /** Metrics go to stdout when no metrics sink was named. */
    public boolean metricsToStdout() {
        return metricsTopic == null && metricsFile == null && jdbcUrl == null;
    }

    public AlertSettings alertSettings() {
        return new AlertSettings(baselineDays, baselineMinDays, alertThreshold, alertMinEmails, alertMinFailures);
    }

    public Properties sourceKafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        return properties;
    }

    public Properties sinkKafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(sinkKafkaProperties);
        return properties;
    }

    /** The text of {@code --help}. */
    public static String usage() {
        return HelpText.render();
    }
}
