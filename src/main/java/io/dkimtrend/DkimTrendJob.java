package io.dkimtrend;

import io.dkimtrend.chart.ChartCommand;
import io.dkimtrend.chart.ChartFiles;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.config.Places;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.Json;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.sink.CountFinalDays;
import io.dkimtrend.sink.PostgresSink;
import io.dkimtrend.sink.Sinks;
import io.dkimtrend.source.ReplayProgress;
import io.dkimtrend.source.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.BatchShuffleMode;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dkim-trend: Defender EmailEvents in, a daily DKIM-failure series out. Reads the flags, sets up the
 * environment, attaches a source, the {@link DailySeriesPipeline} and the sinks, and runs.
 */
public final class DkimTrendJob {

    private static final Logger LOG = LoggerFactory.getLogger(DkimTrendJob.class);

    private static final MemorySize LOCAL_MANAGED_MEMORY = MemorySize.ofMebiBytes(256);

    private DkimTrendJob() {}

    public static void main(String[] args) throws Exception {
        if (ChartCommand.isCommand(args)) {
            System.exit(ChartCommand.run(ChartCommand.argumentsOf(args), System.out, System.err));
        }
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
            if (!config.help) {
                Places.check(config);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dkim-trend: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.help) {
            System.out.print(JobConfig.usage());
            return;
        }
        boolean local = runsLocally();
        run(config);
        if (local) {
            // Flink 2.2 can leave a file split fetcher thread parked after a replay of many small
            // files (FLINK-40660); the results are complete, but the JVM would never exit.
            System.exit(0);
        }
    }

    /**
     * Builds and runs the job; a bounded run without metric sinks prints the series as a table, and
     * one with {@code --chart} draws it. Returns what a bounded run did (empty for a job that runs detached).
     */
    public static Optional<RunSummary> run(JobConfig config) throws Exception {
        LOG.info(StartLine.of(config));
        // The table and the chart need the whole series: it is written to files first, then read back.
        Path seriesCopy = config.isBounded() && (config.metricsToStdout() || config.chart != null)
                ? TempFolders.create("dkim-trend-series-") : null;
        StreamExecutionEnvironment env = build(config, seriesCopy);
        String jobName = jobName(config, env.getConfiguration());
        JobExecutionResult result;
        if (config.readsArchives()) {
            try (ReplayProgress progress = replayProgress(config)) {
                result = env.execute(jobName);
            }
        } else {
            result = env.execute(jobName);
        }
        Optional<RunSummary> summary = RunSummary.of(result);
        summary.ifPresent(done -> LOG.info(done.line()));
        // A detached submission (flink run -d, a jar run over REST, application mode) returns as soon
        // as the job was submitted: the job still runs and needs its checkpoints.
        if (config.checkpointDir != null && result.isJobExecutionResult()) {
            RetainedCheckpoints.forget(config.checkpointDir, result.getJobID());
        }
        if (seriesCopy != null) {
            List<DayMetric> metrics = MetricsFiles.read(seriesCopy.resolve("metrics"));
            List<Alert> alerts = MetricsFiles.read(seriesCopy.resolve("alerts"), Alert.class);
            if (config.metricsToStdout()) {
                SeriesTable.print(SeriesTable.newestFinal(metrics), System.out);
                if (config.alertsTopic == null && config.alertsFile == null) {
                    SeriesTable.printAlerts(alerts, System.out);
                }
            }
            if (config.chart != null) {
                String title = ChartFiles.draw(metrics, alerts, Path.of(config.chart));
                LOG.info("{}: chart written to {}", title, config.chart);
            }
        }
        return summary;
    }

    /**
     * The job's name, which is also the {@code job_name} label of its metrics: {@code --job-name},
     * else the cluster's {@code pipeline.name} (the Kubernetes operator sets it to the
     * FlinkDeployment's name), else {@code dkim-trend}, or {@code dkim-trend-backfill} for a backfill,
     * so that a backfill's counters never add up with the live job's on a dashboard.
     */
    static String jobName(JobConfig config, ReadableConfig cluster) {
        if (config.jobName != null) {
            return config.jobName;
        }
        return cluster.getOptional(PipelineOptions.NAME)
                .orElse(JobConfig.DEFAULT_JOB_NAME + (config.range != null ? JobConfig.BACKFILL_SUFFIX : ""));
    }

    /** The job, assembled and ready to execute: source, pipeline and the configured sinks. */
    public static StreamExecutionEnvironment build(JobConfig config) throws IOException {
        return build(config, null);
    }

    private static StreamExecutionEnvironment build(JobConfig config, Path seriesCopy) throws IOException {
        StreamExecutionEnvironment env = environment(config);
        DataStream<SourceItem> parsed = readEvents(env, config);
        DailySeriesPipeline.Outputs outputs = DailySeriesPipeline.build(parsed, config);
        writeRejected(outputs.deadLetters(), config.deadLetterTopic, config.deadLetterFile, "dead-letters", config);
        writeRejected(outputs.lateEvents(), config.lateEventsTopic, config.lateEventsFile, "late-events", config);
        DataStream<DayMetric> metrics = outputs.metrics().map(new CountFinalDays())
                .name("Count final days").uid("count-final-days");
        writeMetrics(metrics, config);
        writeAlerts(outputs.alerts(), config, seriesCopy);
        if (seriesCopy != null) {
            // A few records per day: one writer and one committer each, not one per core.
            Sinks.toFiles(metrics, seriesCopy.resolve("metrics").toString(), "series-copy").setParallelism(1);
            Sinks.toFiles(outputs.alerts(), seriesCopy.resolve("alerts").toString(), "alerts-copy").setParallelism(1);
        }
        return env;
    }

    private static String eventsPath(JobConfig config) {
        return config.demo ? BundledSample.eventsFolder().toString() : config.events;
    }

    /** Progress lines on stderr every ten seconds, against the files the replay will read. */
    private static ReplayProgress replayProgress(JobConfig config) throws IOException {
        Map<org.apache.flink.core.fs.Path, Long> files = new HashMap<>();
        for (FileSourceSplit split : Sources.fileEnumerator(config).create()
                .enumerateSplits(new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(eventsPath(config))}, 1)) {
            files.put(split.path(), split.fileSize());
        }
        return ReplayProgress.report(files.size(), files.values().stream().mapToLong(Long::longValue).sum(),
                Duration.ofSeconds(10), System.err);
    }

    /** True in a process of its own ({@code java -jar}), where execute starts a MiniCluster; false under {@code flink run} and in tests' clusters. */
    static boolean runsLocally() {
        return StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    }

    static StreamExecutionEnvironment environment(JobConfig config) throws IOException {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No operator keeps a reference to a record it passed on, so chained operators may share them.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.readsArchives()) {
            // A replay of many small files starts and stops a split fetcher per file; Flink 2.2 then
            // sometimes waits out the whole close timeout for a fetcher that hangs (FLINK-40660).
            conf.set(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 1_000L);
            // A fetcher that closes while the queue is full can hang (FLINK-40660): make that rarer.
            conf.set(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY, 8);
        }
        if (config.stateBackend != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, config.stateBackend);
            // Nearly every dedup lookup is for a new email: a bloom filter answers it without reading a
            // file, and partitioned index and filter blocks keep millions of keys from thrashing the cache.
            conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
            conf.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
        }
        if (config.checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir);
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        String restoreFrom = config.fromSavepoint;
        if (restoreFrom == null && config.checkpointDir != null && !config.isBounded()) {
            restoreFrom = RetainedCheckpoints.newest(config.checkpointDir).orElse(null);
            if (restoreFrom != null) {
                LOG.info("Resuming from the newest retained checkpoint {}", restoreFrom);
            }
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        // A local run's MiniCluster: room for a replay's sort before it spills (a cluster ignores this).
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
        if (config.runsInBatch() && runsLocally()) {
            // One process holds every stage: run them all at once, the dedup sort fed as the source
            // parses, instead of stage after stage through shuffle files. Only where the job picks the
            // scheduler too: the adaptive batch scheduler, a cluster's default, never deploys the
            // consumers of pipelined exchanges.
            conf.set(ExecutionOptions.BATCH_SHUFFLE_MODE, BatchShuffleMode.ALL_EXCHANGES_PIPELINED);
            conf.set(JobManagerOptions.SCHEDULER, JobManagerOptions.SchedulerType.Default);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (config.parallelism > 0) {
            env.setParallelism(config.parallelism);
        }
        FaultTolerance.applyDefaults(env, config.isBounded());
        if (config.runsInBatch()) {
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        } else {
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            // Kafka transactions commit on checkpoints: without them no metric would ever be visible.
            env.enableCheckpointing(config.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        return env;
    }

    static DataStream<SourceItem> readEvents(StreamExecutionEnvironment env, JobConfig config) {
        if (config.readsArchives()) {
            String path = eventsPath(config);
            LOG.info("Reading archived events from {}", path);
            return env.fromSource(Sources.archives(path, config), Sources.watermarks(config),
                            "Archived events")
                    .uid("archive-source");
        }
        LOG.info("Reading events from Kafka topic {} at {}", config.eventsTopic, config.bootstrapServers);
        DataStream<SourceItem> events = env.fromSource(Sources.kafka(config), Sources.watermarks(config), "Kafka events")
                .uid("kafka-source");
        if (config.isBounded()) {
            return events; // every day closes when the bounded read ends
        }
        return events.transform("Follow the wall clock when quiet", events.getType(),
                        Sources.wallClockWhenQuiet(config))
                .uid("wall-clock-when-quiet");
    }

    static void writeMetrics(DataStream<DayMetric> metrics, JobConfig config) {
        if (config.metricsTopic != null) {
            Sinks.toKafka(metrics, config, config.metricsTopic, DayMetric::key, "metrics");
        }
        if (config.metricsFile != null) {
            Sinks.toFiles(metrics, config.metricsFile, "metrics");
        }
        if (config.jdbcUrl != null) {
            PostgresSink.metrics(metrics, config);
        }
        if (config.metricsToStdout() && !config.isBounded()) {
            // A lambda, not Json::toString twice: javac restores equal serializable method references
            // of one class as the same function, whatever their types (JDK-8174962).
            metrics.map(metric -> Json.toString(metric)).name("Metrics as JSON").uid("metrics-json")
                    .print().name("Metrics to stdout").uid("metrics-stdout");
        }
    }

    static void writeAlerts(DataStream<Alert> alerts, JobConfig config, Path seriesCopy) {
        if (config.alertsTopic != null) {
            Sinks.toKafka(alerts, config, config.alertsTopic, Alert::key, "alerts");
        }
        if (config.alertsFile != null) {
            Sinks.toFiles(alerts, config.alertsFile, "alerts");
        }
        if (config.jdbcUrl != null) {
            PostgresSink.alerts(alerts, config);
        }
        boolean table = seriesCopy != null && config.metricsToStdout();
        // A run that prints the table lists the alerts under it; any other run without an alerts sink prints them as JSON.
        if (config.alertsTopic == null && config.alertsFile == null && config.jdbcUrl == null && !table) {
            alerts.map(alert -> Json.toString(alert)).name("Alerts as JSON").uid("alerts-json")
                    .print().name("Alerts to stdout").uid("alerts-stdout");
        }
    }

    /** Dead letters and late events: to a topic and/or files, or else to stderr, never nowhere. */
    static <T extends DeadLetter> void writeRejected(DataStream<T> rejected, String topic, String dir, String name,
            JobConfig config) {
        if (topic != null) {
            Sinks.toKafka(rejected, config, topic, letter -> letter.origin, name);
        }
        if (dir != null) {
            Sinks.toFiles(rejected, dir, name);
        }
        if (topic == null && dir == null) {
            rejected.map(letter -> name + ": " + letter.reason + " at " + letter.origin)
                    .name(name + " as text").uid(name + "-text")
                    .printToErr().name(name + " to stderr").uid(name + "-stderr");
        }
    }
}
