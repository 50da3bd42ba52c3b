package io.dkimtrend;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.config.Places;
import io.dkimtrend.config.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.TimeUtils;

/**
 * The line a run logs when it starts: where it reads, where each output goes, and the settings that
 * decide its numbers (zone, deduplication, checkpointing), so that a log alone tells what ran.
 */
public final class StartLine {

    private StartLine() {}

    public static String of(JobConfig config) {
        return "dkim-trend starting: " + String.join("; ", List.of(
                "source " + source(config),
                "metrics to " + metrics(config),
                "alerts to " + alerts(config),
                "dead letters to " + rejected(config.deadLetterTopic, config.deadLetterFile),
                "late events to " + rejected(config.lateEventsTopic, config.lateEventsFile),
                "zone " + config.zone.getId(),
                config.dedup ? "dedup by NetworkMessageId and recipient for " + duration(config.dedupHorizon) : "no dedup",
                checkpointing(config),
                config.parallelism > 0 ? "parallelism " + config.parallelism : "default parallelism"));
    }

    private static String source(JobConfig config) {
        String what;
        if (config.demo) {
            what = "the bundled sample events";
        } else if (config.readsArchives()) {
            what = "archives at " + Places.redacted(config.events);
        } else {
            what = "Kafka topic " + config.eventsTopic + " at " + config.bootstrapServers + ", group " + config.groupId
                    + (config.range == null ? ", from " + config.startingOffsets : "")
                    + (config.bounded ? ", up to the latest offsets at start" : "");
        }
        if (config.range != null) {
            what += ", backfill of " + days(config.range, config);
        }
        return what + (config.runsInBatch() ? " (BATCH)" : " (STREAMING)");
    }

    private static String metrics(JobConfig config) {
        List<String> sinks = sinks(config.metricsTopic, config.metricsFile);
        if (config.jdbcUrl != null) {
            sinks.add(postgres(config, config.jdbcTable));
        }
        if (config.metricsToStdout()) {
            sinks.add(config.isBounded() ? "the table on stdout" : "JSON on stdout");
        }
        if (config.chart != null) {
            sinks.add("a chart at " + config.chart);
        }
        return String.join(" and ", sinks);
    }

    private static String alerts(JobConfig config) {
        List<String> sinks = sinks(config.alertsTopic, config.alertsFile);
        if (config.jdbcUrl != null) {
            sinks.add(postgres(config, config.jdbcAlertsTable));
        }
        if (sinks.isEmpty()) {
            sinks.add(config.isBounded() && config.metricsToStdout() ? "the table on stdout" : "JSON on stdout");
        }
        return String.join(" and ", sinks);
    }

    /** The URL carries no password (JobConfigValidator refuses one). */
    private static String postgres(JobConfig config, String table) {
        return "PostgreSQL table " + table + " at " + config.jdbcUrl
                + (config.jdbcUser == null ? "" : " as " + config.jdbcUser);
    }

    private static String rejected(String topic, String dir) {
        List<String> sinks = sinks(topic, dir);
        return sinks.isEmpty() ? "stderr" : String.join(" and ", sinks);
    }

    private static List<String> sinks(String topic, String dir) {
        List<String> sinks = new ArrayList<>();
        if (topic != null) sinks.add("Kafka topic " + topic);
        if (dir != null) sinks.add("files in " + Places.redacted(dir));
        return sinks;
    }

    private static String checkpointing(JobConfig config) {
        if (config.runsInBatch()) {
            return "no checkpoints (BATCH)";
        }
        String line = "exactly-once checkpoints every " + duration(config.checkpointInterval)
                + (config.checkpointDir == null ? ", not retained" : " in " + Places.redacted(config.checkpointDir));
        return config.fromSavepoint == null ? line : line + ", starting from " + Places.redacted(config.fromSavepoint);
    }

    private static String days(TimeRange range, JobConfig config) {
        return range.start().atZone(config.zone).toLocalDate() + " to "
                + range.end().minusMillis(1).atZone(config.zone).toLocalDate();
    }

    private static String duration(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }
}
