package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.testing.FlinkRest;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live job's checkpoint folder is gone for 30 s in the middle of a stream (a file stands where
 * the folder was, which even root cannot write into): the checkpoints of that time fail and are
 * counted, the job keeps running within its tolerance of failed checkpoints, later checkpoints
 * succeed, and the metrics topic read with {@code read_committed} holds the exact series with one
 * final record per day: nothing lost, nothing doubled.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CheckpointStorageOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void checkpointStorageAwayForHalfAMinuteFailsCheckpointsButNotTheJob(KafkaBroker kafka) throws Exception {
        Path dir = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "checkpoint-outage-");
        Path checkpoints = dir.resolve("checkpoints");
        SampleBundle.createTopics(kafka, "outage-events", "outage-metrics");
        List<byte[]> messages = SampleBundle.messagesInEventTimeOrder();
        int half = messages.size() / 2;
        kafka.produce("outage-events", messages.subList(0, half));
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");

        // 10 s between checkpoints: the outage fails three of them, within the job's tolerance of five.
        JobConfig config = JobConfig.fromArgs("--bootstrap-servers", kafka.bootstrapServers(),
                "--events-topic", "outage-events", "--starting-offsets", "earliest", "--group-id", "outage",
                "--metrics-topic", "outage-metrics", "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-interval", "10 s", "--idle-timeout", "10 s", "--parallelism", "2",
                "--transactional-id-prefix", "outage", "--dead-letter-file", dir.resolve("dead").toString());
        JobClient job = DkimTrendJob.build(config).executeAsync("checkpoint storage outage");
        FlinkRest rest = new FlinkRest(FLINK.getClientConfiguration());
        String jobId = job.getJobID().toString();
        try {
            awaitCheckpoints(rest, jobId, counts -> counts.path("completed").asInt() >= 1, "a first checkpoint");

            Path away = dir.resolve("checkpoints.away");
            Files.move(checkpoints, away);
            Files.writeString(checkpoints, "not a folder");
            List<byte[]> secondHalf = new ArrayList<>(messages.subList(half, messages.size()));
            secondHalf.add(SampleBundle.emailSentNow());
            kafka.produce("outage-events", secondHalf);
            Thread.sleep(OUTAGE.toMillis());
            int failedDuringOutage = checkpointCounts(rest, jobId).path("failed").asInt();
            Files.delete(checkpoints);
            Files.move(away, checkpoints);

            List<DayMetric> finals = SampleBundle.awaitFinals(kafka, "outage-metrics", expected.keySet(), WAIT);
            JsonNode counts = awaitCheckpoints(rest, jobId,
                    after -> after.path("completed").asInt() >= 2 && after.path("failed").asInt() >= failedDuringOutage,
                    "a checkpoint after the outage");

            assertThat(failedDuringOutage).as("checkpoints failed and were counted").isGreaterThanOrEqualTo(2);
            assertThat(counts.path("failed").asInt()).isEqualTo(failedDuringOutage);
            assertThat(counts.path("restored").asInt()).as("the job kept running: never restored from a checkpoint").isZero();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
            assertThat(finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting())))
                    .as("one final record per day").allSatisfy((day, n) -> assertThat(n).as(day).isEqualTo(1));
        } finally {
            job.cancel().get();
        }
    }

    private static JsonNode checkpointCounts(FlinkRest rest, String jobId) throws Exception {
        String body = rest.get("/jobs/" + jobId + "/checkpoints");
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body).path("counts");
    }

    private static JsonNode awaitCheckpoints(FlinkRest rest, String jobId,
            Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode counts = checkpointCounts(rest, jobId);
        while (!done.test(counts)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT + ": " + counts);
            }
            Thread.sleep(200);
            counts = checkpointCounts(rest, jobId);
        }
        return counts;
    }
}
