package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 5, throughput: Kafka to the job to Kafka, on a broker in this JVM. The file's messages are
 * loaded onto the events topic first (not timed); the job then reads the topic from its start up
 * to its end ({@code --bounded}, STREAMING mode with exactly-once sinks) and finishes. Its
 * start-up is the wall time of the same run over a topic holding the file's first five lines.
 */
final class KafkaRoundTrip {

    record Outcome(StepResult result, DailyTotals totals, int lateEvents, KafkaTopics topics, String loading) {}

    private KafkaRoundTrip() {}

    static Outcome run(KafkaBroker kafka, BenchInput input, long rows, int parallelism, int startupRuns)
            throws Exception {
        int[] startupRun = {0};
        long startup = Startup.fastestOf(startupRuns, () -> {
            KafkaTopics head = KafkaTopics.create(kafka, "bench-startup-" + startupRun[0]++, parallelism);
            head.produceLines(kafka, input.fiveLines());
            return bounded(kafka, head, parallelism);
        });

        KafkaTopics topics = KafkaTopics.create(kafka, "bench", parallelism);
        long loadStart = System.nanoTime();
        long messages = topics.produceLines(kafka, input.file());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String loading = String.format(Locale.ROOT, "%,d messages (%.1f MB) loaded onto %d partitions in %.1f s,"
                + " before the run", messages, input.bytes() / 1e6, parallelism, loadSeconds);

        ProcessMemory.resetPeak();
        long nanos = bounded(kafka, topics, parallelism);
        StepResult result = new StepResult("5 Kafka -> job -> Kafka", parallelism, rows, input.bytes(), nanos,
                startup, ProcessMemory.peakKb());
        int lateEvents = kafka.consumeAll(topics.lateEvents(), true, Duration.ofSeconds(1), Duration.ofSeconds(30))
                .size();
        return new Outcome(result, finalSeries(kafka, topics), lateEvents, topics, loading);
    }

    private static long bounded(KafkaBroker kafka, KafkaTopics topics, int parallelism) throws Exception {
        List<String> args = new ArrayList<>(topics.jobArgs(kafka));
        args.addAll(List.of("--starting-offsets", "earliest", "--bounded", "--group-id", topics.events(),
                "--transactional-id-prefix", topics.events(), "--parallelism", Integer.toString(parallelism)));
        JobConfig config = JobConfig.fromArgs(args.toArray(String[]::new));
        long start = System.nanoTime();
        DkimTrendJob.run(config);
        return System.nanoTime() - start;
    }

    /** What a read_committed consumer of the metrics topic holds once the run has finished. */
    private static DailyTotals finalSeries(KafkaBroker kafka, KafkaTopics topics) {
        List<DayMetric> records = kafka.consumeAll(topics.metrics(), true, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .stream().map(r -> Json.read(r.value(), DayMetric.class)).toList();
        return DailyTotals.ofMetrics(records);
    }
}
