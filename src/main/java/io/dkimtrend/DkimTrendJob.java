package io.dkimtrend;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.Json;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.sink.MetricsFiles;
import io.dkimtrend.sink.SeriesTable;
import io.dkimtrend.sink.Sinks;
import io.dkimtrend.source.BundledSample;
import io.dkimtrend.source.Sources;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dkim-trend: Defender EmailEvents in, a daily DKIM-failure series out. Reads the flags, sets up the
 * environment, attaches a source, the {@link DailySeriesPipeline} and the sinks, and runs.
 */
public final class DkimTrendJob {

    private static final Logger LOG = LoggerFactory.getLogger(DkimTrendJob.class);

    private DkimTrendJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dkim-trend: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.help) {
            System.out.print(JobConfig.usage());
            return;
        }
        run(config);
    }

    /** Builds and runs the job; a bounded run without metric sinks prints the series as a table. */
    public static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        DataStream<SourceItem> parsed = readEvents(env, config);
        DailySeriesPipeline.Outputs outputs = DailySeriesPipeline.build(parsed, config);
        writeDeadLetters(outputs.deadLetters(), config);
        writeMetrics(outputs.metrics(), config);

        if (config.metricsToStdout() && config.isBounded()) {
            // The table needs the whole series: it is written to files first, then read back.
            Path series = TempFolders.create("dkim-trend-series-");
            Sinks.toFiles(outputs.metrics(), series.toString(), "metrics");
            env.execute("dkim-trend");
            SeriesTable.print(SeriesTable.newestFinal(MetricsFiles.read(series)), System.out);
        } else {
            env.execute("dkim-trend");
        }
    }

    static StreamExecutionEnvironment environment(JobConfig config) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No operator keeps a reference to a record it passed on, so chained operators may share them.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir);
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (config.parallelism > 0) {
            env.setParallelism(config.parallelism);
        }
        if (config.readsArchives()) {
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
            String path = config.demo ? BundledSample.eventsFolder().toString() : config.events;
            LOG.info("Reading archived events from {}", path);
            return env.fromSource(Sources.archives(path, config.maxMessageBytes), Sources.watermarks(config),
                            "Archived events")
                    .uid("archive-source");
        }
        LOG.info("Reading events from Kafka topic {} at {}", config.eventsTopic, config.bootstrapServers);
        return env.fromSource(Sources.kafka(config), Sources.watermarks(config), "Kafka events")
                .uid("kafka-source");
    }

    static void writeMetrics(DataStream<DayMetric> metrics, JobConfig config) {
        if (config.metricsTopic != null) {
            Sinks.toKafka(metrics, config, config.metricsTopic, DayMetric::key, "metrics");
        }
        if (config.metricsFile != null) {
            Sinks.toFiles(metrics, config.metricsFile, "metrics");
        }
        if (config.metricsToStdout() && !config.isBounded()) {
            metrics.map(Json::toString).name("Metrics as JSON").uid("metrics-json")
                    .print().name("Metrics to stdout").uid("metrics-stdout");
        }
    }

    static void writeDeadLetters(DataStream<DeadLetter> deadLetters, JobConfig config) {
        if (config.deadLetterTopic != null) {
            Sinks.toKafka(deadLetters, config, config.deadLetterTopic, letter -> letter.origin, "dead-letters");
        }
        if (config.deadLetterFile != null) {
            Sinks.toFiles(deadLetters, config.deadLetterFile, "dead-letters");
        }
        if (config.deadLetterTopic == null && config.deadLetterFile == null) {
            // Nowhere else to go: a dead letter is never dropped silently.
            deadLetters.map(letter -> "dead letter: " + letter.reason + " at " + letter.origin)
                    .name("Dead letters as text").uid("dead-letters-text")
                    .printToErr().name("Dead letters to stderr").uid("dead-letters-stderr");
        }
    }
}
