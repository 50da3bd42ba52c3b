package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop the live job with a savepoint at parallelism 2 while it reads, start again from it at
 * parallelism 1 (an email sent now closes the last day):
 * all state (sources, deduplication, windows, empty days, sinks) sits under stable uids, and the
 * series read with {@code read_committed} is exact, one final record per day.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SavepointRescaleIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    private KafkaBroker kafka;

    @AfterEach
    void liftThrottle() {
        if (kafka != null) kafka.throttleConsumers(0);
    }

    @Test
    void aSavepointRestoredAtAnotherParallelismKeepsTheSeriesExact(KafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        this.kafka = kafka;
        SampleBundle.createTopics(kafka, "rescale-events", "rescale-metrics");
        kafka.produce("rescale-events", SampleBundle.liveFeed());
        kafka.throttleConsumers(1_500_000);
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");

        JobClient first = DkimTrendJob.build(config(kafka, dir, "2")).executeAsync("before the savepoint");
        Thread.sleep(3_000);
        String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        int committedBefore = finals(kafka, expected, Duration.ofSeconds(3)).size();
        kafka.throttleConsumers(0);

        List<String> restart = new ArrayList<>(List.of(flags(kafka, dir, "1")));
        restart.addAll(List.of("--from-savepoint", savepoint));
        JobClient second = DkimTrendJob.build(JobConfig.fromArgs(restart.toArray(String[]::new)))
                .executeAsync("after the savepoint");
        List<DayMetric> finals;
        try {
            finals = finals(kafka, expected, Duration.ofSeconds(120));
        } finally {
            second.cancel().get();
        }

        assertThat(committedBefore).as("stopped before the end").isLessThan(expected.size());
        assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
        assertThat(finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting())))
                .allSatisfy((day, count) -> assertThat(count).as(day).isEqualTo(1));
    }

    private static JobConfig config(KafkaBroker kafka, Path dir, String parallelism) {
        return JobConfig.fromArgs(flags(kafka, dir, parallelism));
    }

    private static String[] flags(KafkaBroker kafka, Path dir, String parallelism) {
        return new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "rescale-events",
            "--starting-offsets", "earliest", "--group-id", "rescale-test", "--idle-timeout", "10 s",
            "--metrics-topic", "rescale-metrics", "--dead-letter-file", dir.resolve("dead").toString(),
            "--checkpoint-interval", "500 ms", "--parallelism", parallelism, "--transactional-id-prefix", "rescale-test"};
    }

    private static List<DayMetric> finals(KafkaBroker kafka, Map<String, String> expected, Duration timeout) {
        return SampleBundle.awaitFinals(kafka, "rescale-metrics", expected.keySet(), timeout);
    }
}
