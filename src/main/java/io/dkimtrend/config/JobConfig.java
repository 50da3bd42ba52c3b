package io.dkimtrend.config;

import io.dkimtrend.alert.AlertSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.ExecutionConfig;

/**
 * Everything the job can be told, read from the command line in one place. Each field is one flag
 * of {@link Flag}; {@code --help} and the README list the same flags. An absent flag takes the
 * default of its {@link Flag}, parsed as a given value would be: no default is written here.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Prefix of Kafka client properties for the events source, passed through as they are. */
    public static final String KAFKA_PREFIX = KafkaProperties.SOURCE;
    /** Prefix of Kafka client properties for the output topics, when those live elsewhere. */
    public static final String SINK_KAFKA_PREFIX = KafkaProperties.SINK;
    /** Added to the default --transactional-id-prefix by a backfill, so that it never fences the live job. */
    public static final String BACKFILL_SUFFIX = "-backfill";

    // Input
    public String events;
    public String bootstrapServers;
    public String eventsTopic;
    public String groupId;
    public String startingOffsets;
    public boolean bounded;
    public final Map<String, String> kafkaProperties = new KafkaProperties.Values();
    public int maxMessageBytes;
    public Duration maxFutureSkew;
    public String from;
    public String until;
    public Duration rangePadding;
    /** The whole days a backfill replays, or null. */
    public TimeRange range;

    // Output
    public String metricsTopic;
    public String metricsFile;
    public String deadLetterTopic;
    public String deadLetterFile;
    public String lateEventsTopic;
    public String lateEventsFile;
    public String alertsTopic;
    public String alertsFile;
    /** A .png or .svg file the daily series is drawn into at the end of a bounded run, or null. */
    public String chart;
    /** PostgreSQL of the day records and alerts (a jdbc:postgresql: URL without a password), or null. */
    public String jdbcUrl;
    public String jdbcUser;
    /**
     * From {@value JdbcPassword#ENVIRONMENT} or {@value JdbcPassword#FILE_KEY} in the properties file,
     * never the command line; transient, so that no copy of the configuration carries it.
     */
    public transient String jdbcPassword;
    public String jdbcTable;
    public String jdbcAlertsTable;
    public String sinkBootstrapServers;
    public final Map<String, String> sinkKafkaProperties = new KafkaProperties.Values();
    public String transactionalIdPrefix;
    public Duration transactionTimeout;

    // Semantics
    public ZoneId zone;
    public boolean dedup;
    public Duration dedupHorizon;
    /** Flink's state.backend.type for this job, or null to leave it to the cluster's configuration. */
    public String stateBackend;
    public Duration maxOutOfOrderness;
    public Duration idleTimeout;
    public Duration allowedLateness;
    public Duration updateInterval;
    /** A series per tenant beside {@code all}. */
    public boolean seriesByTenant;
    /** Length of each day's list of sender domains with the most DKIM failures; 0: no domains counted. */
    public int topDomains;

    // Alerts
    public int baselineDays;
    public int baselineMinDays;
    public double alertThreshold;
    public long alertMinEmails;
    public long alertMinFailures;

    // Runtime
    /** --job-name, or null: the cluster's pipeline.name names the job, else a default (DkimTrendJob.jobName). */
    public String jobName;
    /** --parallelism, or Flink's {@link ExecutionConfig#PARALLELISM_DEFAULT}: the environment's own. */
    public int parallelism;
    public String checkpointDir;
    public String fromSavepoint;
    public Duration checkpointInterval;

    /** True when no input was named: the bundled sample events are replayed. */
    public boolean demo;
    public boolean help;

    public static JobConfig fromArgs(String... args) {
        return fromArgs(System.getenv(), args);
    }

    /** The configuration of a command line, with Kafka properties also from {@code environment}. */
    public static JobConfig fromArgs(Map<String, String> environment, String... args) {
        CommandLine line = CommandLine.parse(args);
        JobConfig config = new JobConfig();
        // Lowest precedence first: the file, the environment, then the command line.
        if (line.has(Flag.KAFKA_PROPERTIES)) {
            KafkaProperties.readFile(Path.of(line.getLocalFile(Flag.KAFKA_PROPERTIES)), config.kafkaProperties,
                    config.sinkKafkaProperties);
        }
        KafkaProperties.readEnvironment(environment, config.kafkaProperties, config.sinkKafkaProperties);
        config.jdbcPassword = JdbcPassword.read(
                line.has(Flag.KAFKA_PROPERTIES) ? Path.of(line.getLocalFile(Flag.KAFKA_PROPERTIES)) : null, environment);
        line.putKafkaProperties(config.kafkaProperties, config.sinkKafkaProperties);
        line.requireKnownFlags();
        config.help = line.has(Flag.HELP);
        config.events = line.getFlinkPlace(Flag.EVENTS);
        config.bootstrapServers = line.get(Flag.BOOTSTRAP_SERVERS);
        config.eventsTopic = line.get(Flag.EVENTS_TOPIC);
        config.groupId = line.get(Flag.GROUP_ID);
        config.startingOffsets = line.get(Flag.STARTING_OFFSETS);
        config.bounded = line.has(Flag.BOUNDED);
        config.from = line.get(Flag.FROM);
        config.until = line.get(Flag.UNTIL);
        config.rangePadding = line.getDuration(Flag.RANGE_PADDING);
        config.maxMessageBytes = line.getInt(Flag.MAX_MESSAGE_BYTES);
        config.maxFutureSkew = line.getDuration(Flag.MAX_FUTURE_SKEW);
        config.metricsTopic = line.get(Flag.METRICS_TOPIC);
        config.metricsFile = line.getFlinkPlace(Flag.METRICS_FILE);
        config.deadLetterTopic = line.get(Flag.DEAD_LETTER_TOPIC);
        config.deadLetterFile = line.getFlinkPlace(Flag.DEAD_LETTER_FILE);
        config.lateEventsTopic = line.get(Flag.LATE_EVENTS_TOPIC);
        config.lateEventsFile = line.getFlinkPlace(Flag.LATE_EVENTS_FILE);
        config.alertsTopic = line.get(Flag.ALERTS_TOPIC);
        config.alertsFile = line.getFlinkPlace(Flag.ALERTS_FILE);
        config.jdbcUrl = line.get(Flag.JDBC_URL);
        config.jdbcUser = line.get(Flag.JDBC_USER);
        config.jdbcTable = line.get(Flag.JDBC_TABLE);
        config.jdbcAlertsTable = line.get(Flag.JDBC_ALERTS_TABLE);
        config.chart = line.getLocalFile(Flag.CHART);
        config.baselineDays = line.getInt(Flag.BASELINE_DAYS);
        config.baselineMinDays = line.getInt(Flag.BASELINE_MIN_DAYS);
        config.alertThreshold = line.getDouble(Flag.ALERT_THRESHOLD);
        config.alertMinEmails = line.getLong(Flag.ALERT_MIN_EMAILS);
        config.alertMinFailures = line.getLong(Flag.ALERT_MIN_FAILURES);
        config.sinkBootstrapServers = line.has(Flag.SINK_BOOTSTRAP_SERVERS) ? line.get(Flag.SINK_BOOTSTRAP_SERVERS)
                : config.bootstrapServers;
        boolean backfill = config.from != null || config.until != null;
        // A backfill never fences the live job: it writes under transactional ids of its own.
        config.transactionalIdPrefix = line.get(Flag.TRANSACTIONAL_ID_PREFIX)
                + (backfill && !line.has(Flag.TRANSACTIONAL_ID_PREFIX) ? BACKFILL_SUFFIX : "");
        config.transactionTimeout = line.getDuration(Flag.TRANSACTION_TIMEOUT);
        config.zone = FlagValues.zone(line.get(Flag.ZONE));
        config.dedup = !line.has(Flag.NO_DEDUP);
        config.dedupHorizon = line.getDuration(Flag.DEDUP_HORIZON);
        config.stateBackend = line.get(Flag.STATE_BACKEND);
        config.maxOutOfOrderness = line.getDuration(Flag.MAX_OUT_OF_ORDERNESS);
        config.idleTimeout = line.getDuration(Flag.IDLE_TIMEOUT);
        config.allowedLateness = line.getDuration(Flag.ALLOWED_LATENESS);
        config.updateInterval = line.getDuration(Flag.UPDATE_INTERVAL);
        config.seriesByTenant = FlagValues.seriesByTenant(line.get(Flag.SERIES_BY));
        config.topDomains = line.getInt(Flag.TOP_DOMAINS);
        config.jobName = line.get(Flag.JOB_NAME);
        config.parallelism = line.has(Flag.PARALLELISM) ? line.getInt(Flag.PARALLELISM) : ExecutionConfig.PARALLELISM_DEFAULT;
        config.checkpointDir = line.getFlinkPlace(Flag.CHECKPOINT_DIR);
        config.fromSavepoint = line.getFlinkPlace(Flag.FROM_SAVEPOINT);
        config.checkpointInterval = line.getDuration(Flag.CHECKPOINT_INTERVAL);
        if (config.sinkKafkaProperties.isEmpty()
                && (config.sinkBootstrapServers == null || config.sinkBootstrapServers.equals(config.bootstrapServers))) {
            config.sinkKafkaProperties.putAll(config.kafkaProperties);
        }
        if (backfill) {
            config.range = TimeRange.wholeDays(config.from, config.until, config.zone);
        }
        // --help only prints the flags: whatever else is given with it need not make a workable run.
        if (!config.help) {
            config.demo = config.events == null && config.eventsTopic == null;
            JobConfigValidator.validate(config);
        }
        return config;
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
