package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.testing.Checkpoints;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's live command, {@code java -jar target/dkim-trend.jar} with a plain relative
 * {@code --checkpoint-dir}, killed with SIGKILL while it reads and started again with the same
 * flags: it resumes from the newest checkpoint in that folder by itself, and the metrics topic,
 * read with {@code read_committed}, holds every day's final record exactly once, with the exact
 * series, as if nothing had happened. An email sent now closes the last day.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private KafkaBroker kafka;

    @AfterEach
    void liftThrottle() {
        if (kafka != null) kafka.throttleConsumers(0);
    }

    @Test
    void aKilledJobResumesFromItsCheckpointWithNothingDoubledOrLost(KafkaBroker kafka) throws Exception {
        this.kafka = kafka;
        // Kept under target/ after the run: the two jobs' logs are what explains a failure here.
        Path dir = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "crash-recovery-");
        SampleBundle.createTopics(kafka, "crash-events", "crash-metrics");
        kafka.produce("crash-events", SampleBundle.liveFeed());
        // About 14 MB at 1.5 MB/s: the job reads for several seconds, long enough to be killed mid-stream.
        // The idle timeout stays well above the longest pause the throttle causes a partition: a
        // partition marked idle while it still has older data makes that data late.
        kafka.throttleConsumers(1_500_000);

        List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "crash-events",
                "--starting-offsets", "earliest", "--group-id", "crash-test", "--idle-timeout", "10 s",
                "--metrics-topic", "crash-metrics", "--dead-letter-file", "dead",
                "--checkpoint-dir", "checkpoints", "--checkpoint-interval", "300 ms",
                "--parallelism", "2", "--transactional-id-prefix", "crash-test");
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");

        try (JobProcess first = JobProcess.javaJar(dir, args)) {
            Checkpoints.await(dir.resolve("checkpoints"), 3, WAIT, first::isAlive);
            first.kill();
        }
        int committedBeforeCrash = finals(kafka, expected, Duration.ofSeconds(3)).size();
        kafka.throttleConsumers(0);

        List<DayMetric> finals;
        String secondLog;
        try (JobProcess second = JobProcess.javaJar(dir, args)) {
            finals = finals(kafka, expected, WAIT);
            secondLog = second.stderr();
        }

        assertThat(committedBeforeCrash).as("the crash came before the end").isLessThan(expected.size());
        assertThat(secondLog).contains("Resuming from the newest retained checkpoint")
                .contains(dir.resolve("checkpoints").toString());
        assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).containsExactlyEntriesOf(expected);
        Map<String, Long> finalsPerDay = finals.stream().collect(Collectors.groupingBy(d -> d.day, Collectors.counting()));
        assertThat(finalsPerDay).as("one final record per day").allSatisfy((day, count) -> assertThat(count).isEqualTo(1));
    }

    private static List<DayMetric> finals(KafkaBroker kafka, Map<String, String> expected, Duration timeout) {
        return SampleBundle.awaitFinals(kafka, "crash-metrics", expected.keySet(), timeout);
    }
}
