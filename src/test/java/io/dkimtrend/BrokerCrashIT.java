package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.testing.Checkpoints;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerProcess;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The only Kafka broker, the live job's source and sink, is killed with SIGKILL mid-stream and
 * comes back 20 s later on the same data: the job recovers by itself (its restart strategy), the
 * transactions open at the crash are aborted or committed, and the metrics topic read with
 * {@code read_committed} holds the exact series, one final record per day.
 */
class BrokerCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Duration DOWN = Duration.ofSeconds(20);

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void theJobOutlivesABrokerCrashWithNothingLostOrDoubled() throws Exception {
        Path dir = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "broker-crash-");
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");
        List<byte[]> messages = SampleBundle.messagesInEventTimeOrder();
        int half = messages.size() / 2;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("broker"))) {
            try (KafkaBroker kafka = broker.clients()) {
                SampleBundle.createTopics(kafka, "events", "metrics");
                kafka.produce("events", messages.subList(0, half));
            }
            JobConfig config = JobConfig.fromArgs("--bootstrap-servers", broker.bootstrapServers(),
                    "--events-topic", "events", "--starting-offsets", "earliest", "--group-id", "broker-crash",
                    "--metrics-topic", "metrics", "--checkpoint-dir", dir.resolve("checkpoints").toString(),
                    "--checkpoint-interval", "1 s", "--idle-timeout", "10 s", "--parallelism", "2",
                    "--transactional-id-prefix", "broker-crash", "--dead-letter-file", dir.resolve("dead").toString());
            JobClient job = DkimTrendJob.build(config).executeAsync("broker crash");
            try {
                Checkpoints.await(dir.resolve("checkpoints"), 2, WAIT, () -> true);
                broker.kill();
                Thread.sleep(DOWN.toMillis());
                broker.restart();

                List<DayMetric> finals;
                try (KafkaBroker kafka = broker.clients()) {
                    List<byte[]> secondHalf = new ArrayList<>(messages.subList(half, messages.size()));
                    secondHalf.add(SampleBundle.emailSentNow());
                    kafka.produce("events", secondHalf);
                    finals = SampleBundle.awaitFinals(kafka, "metrics", expected.keySet(), WAIT);
                }

                assertThat(job.getJobStatus().get()).as("recovered without a person").isEqualTo(JobStatus.RUNNING);
                assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
                assertThat(finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting())))
                        .as("one final record per day").allSatisfy((day, n) -> assertThat(n).as(day).isEqualTo(1));
            } finally {
                job.cancel().get();
            }
        }
    }
}
