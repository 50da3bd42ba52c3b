package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.LocalCluster;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job jar as {@code mvn package} builds it, on a real multi-process Flink cluster (the one of
 * {@code deploy/local-cluster/cluster.sh}): parallelism 2 over two TaskManager JVMs, live from a
 * real Kafka broker into the metrics topic. One TaskManager is killed with SIGKILL mid-stream and a
 * new one started; the JobManager restarts the job from its last checkpoint, and the metrics topic,
 * read with {@code read_committed}, holds the sample bundle's exact series, one final record a day.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClusterFailoverIT {

    private static final Path JOB_JAR = Path.of("target", "dkim-trend.jar");
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void theJobSurvivesTheLossOfATaskManagerWithTheExactSeries(KafkaBroker kafka) throws Exception {
        assertThat(JOB_JAR).as("built by mvn package before the integration tests").exists();
        Path dir = Files.createTempDirectory(Path.of("target"), "cluster-failover-");
        SampleBundle.createTopics(kafka, "cluster-events", "cluster-metrics");
        kafka.produce("cluster-events", SampleBundle.liveFeed());
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");
        Path checkpoints = dir.resolve("checkpoints");

        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2)) {
            // About 14 MB at 1 MB/s: the job is still reading when a TaskManager dies. The idle timeout
            // stays above the longest pause the throttle causes a partition (its data would become late).
            kafka.throttleConsumers(1_000_000);
            String job = cluster.submit(JOB_JAR, 2, List.of("--bootstrap-servers", kafka.bootstrapServers(),
                    "--events-topic", "cluster-events", "--starting-offsets", "earliest", "--group-id", "cluster-test",
                    "--idle-timeout", "20 s", "--metrics-topic", "cluster-metrics",
                    "--dead-letter-file", dir.resolve("dead-letters").toString(),
                    "--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "1 s",
                    "--transactional-id-prefix", "cluster-test"));

            await(() -> cluster.allTasksRunning(job), "the job running", cluster);
            Path jobCheckpoints = checkpoints.resolve(job);
            Set<String> before = cluster.taskManagersOf(job);
            awaitCheckpoint(checkpoints, 2, cluster);

            cluster.killTaskManager("taskmanager-1");
            int committedAtKill = finals(kafka, expected, Duration.ofSeconds(2)).size();
            cluster.startTaskManager("taskmanager-3");
            await(() -> cluster.restarts(job) > 0 && cluster.allTasksRunning(job), "the job running again", cluster);
            Set<String> after = cluster.taskManagersOf(job);
            kafka.throttleConsumers(0);

            List<DayMetric> finals = finals(kafka, expected, WAIT);

            assertThat(before).as("two TaskManager processes run the job").containsExactly("taskmanager-1", "taskmanager-2");
            assertThat(committedAtKill).as("the TaskManager died mid-stream").isLessThan(expected.size());
            assertThat(after).as("the new TaskManager took over").containsExactly("taskmanager-2", "taskmanager-3");
            assertThat(cluster.jobState(job)).isEqualTo("RUNNING");
            assertThat(jobCheckpoints.resolve("shared")).as("a detached submission leaves the job's checkpoints alone")
                    .isDirectory();
            assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
            Map<String, Long> finalsPerDay = finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting()));
            assertThat(finalsPerDay).as("one final record per day").allSatisfy((day, count) -> assertThat(count).isEqualTo(1));
        } finally {
            kafka.throttleConsumers(0);
        }
    }

    /**
     * With high availability ({@code cluster.sh start --ha}: ZooKeeper and a standby JobManager), the
     * leading JobManager is killed with SIGKILL mid-stream: the standby takes the job over from the HA
     * store and its latest checkpoint, and the series stays exact.
     */
    @Test
    void theJobSurvivesTheLossOfTheLeadingJobManagerWithTheExactSeries(KafkaBroker kafka) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "jobmanager-failover-");
        SampleBundle.createTopics(kafka, "ha-events", "ha-metrics");
        kafka.produce("ha-events", SampleBundle.liveFeed());
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");

        try (LocalCluster cluster = LocalCluster.startHighlyAvailable(dir.resolve("cluster"), 2)) {
            kafka.throttleConsumers(1_000_000);
            String job = cluster.submit(JOB_JAR, 2, List.of("--bootstrap-servers", kafka.bootstrapServers(),
                    "--events-topic", "ha-events", "--starting-offsets", "earliest", "--group-id", "ha-test",
                    "--idle-timeout", "20 s", "--metrics-topic", "ha-metrics",
                    "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--checkpoint-interval", "1 s",
                    "--transactional-id-prefix", "ha-test"));
            await(() -> cluster.allTasksRunning(job), "the job running", cluster);
            awaitCheckpoint(dir.resolve("checkpoints"), 2, cluster);
            String leader = cluster.leader();

            cluster.killJobManager(leader);
            int committedAtKill = finals(kafka, "ha-metrics", expected, Duration.ofSeconds(2)).size();
            await(() -> cluster.allTasksRunning(job), "the job running under the standby", cluster);
            String newLeader = cluster.leader();
            kafka.throttleConsumers(0);

            List<DayMetric> finals = finals(kafka, "ha-metrics", expected, WAIT);

            assertThat(leader).isEqualTo("jobmanager");
            assertThat(newLeader).as("the standby took over").isEqualTo("jobmanager-2");
            assertThat(committedAtKill).as("the JobManager died mid-stream").isLessThan(expected.size());
            assertThat(cluster.jobState(job)).isEqualTo("RUNNING");
            assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
            Map<String, Long> finalsPerDay = finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting()));
            assertThat(finalsPerDay).as("one final record per day").allSatisfy((day, count) -> assertThat(count).isEqualTo(1));
        } finally {
            kafka.throttleConsumers(0);
        }
    }

    private static List<DayMetric> finals(KafkaBroker kafka, Map<String, String> expected, Duration timeout) {
        return finals(kafka, "cluster-metrics", expected, timeout);
    }

    private static List<DayMetric> finals(KafkaBroker kafka, String topic, Map<String, String> expected, Duration timeout) {
        return SampleBundle.awaitFinals(kafka, topic, expected.keySet(), timeout);
    }

    private static void awaitCheckpoint(Path checkpoints, int number, LocalCluster cluster) throws Exception {
        await(() -> {
            try {
                Optional<String> newest = RetainedCheckpoints.newest(checkpoints.toString());
                return newest.isPresent() && Integer.parseInt(newest.get().replaceAll(".*chk-", "")) >= number;
            } catch (java.io.IOException e) {
                return false;
            }
        }, "checkpoint " + number, cluster);
    }

    /** Waits for the condition; a JobManager that does not answer yet (one taking over) counts as not yet. */
    private static void await(BooleanSupplier condition, String what, LocalCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s; JobManager log:\n"
                        + tail(cluster.log("jobmanager")));
            }
            Thread.sleep(200);
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException notAnswering) {
            return false;
        }
    }

    private static String tail(String log) {
        return log.length() <= 20_000 ? log : log.substring(log.length() - 20_000);
    }
}
