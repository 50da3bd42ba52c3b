package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.PostgresRows;
import io.dkimtrend.testing.Checkpoints;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.PostgresExtension;
import io.dkimtrend.testing.PostgresServer;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged job writing to PostgreSQL ({@code java -jar target/dkim-trend.jar}, the password in
 * the properties file), killed with SIGKILL mid-stream and started again with the same flags: it
 * resumes from its newest checkpoint, replays what it had written since (at least once), and the
 * table ends up holding exactly the true series, as one clean run would have left it.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class PostgresCrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private KafkaBroker kafka;

    @AfterEach
    void liftThrottle() {
        if (kafka != null) kafka.throttleConsumers(0);
    }

    @Test
    void aKilledJobResumesAndTheTableHoldsTheExactSeries(KafkaBroker kafka, PostgresServer postgres) throws Exception {
        this.kafka = kafka;
        Path dir = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "pg-crash-recovery-");
        String database = postgres.createDatabase("crash");
        Files.writeString(dir.resolve("secrets.properties"), "jdbc.password=" + postgres.password() + "\n");
        kafka.createTopic("pg-crash-events", 3, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024)));
        kafka.produce("pg-crash-events", SampleBundle.liveFeed());
        kafka.throttleConsumers(1_500_000); // several seconds of reading: long enough to be killed mid-stream

        List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "pg-crash-events",
                "--starting-offsets", "earliest", "--group-id", "pg-crash-test", "--idle-timeout", "10 s",
                "--jdbc-url", postgres.jdbcUrl(database), "--jdbc-user", PostgresServer.USER,
                "--kafka-properties", "secrets.properties", "--dead-letter-file", "dead",
                "--checkpoint-dir", "checkpoints", "--checkpoint-interval", "300 ms", "--parallelism", "2");
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");

        int finalsBeforeCrash;
        String firstLog;
        try (JobProcess first = JobProcess.javaJar(dir, args)) {
            Checkpoints.await(dir.resolve("checkpoints"), 3, WAIT, first::isAlive);
            first.kill();
            finalsBeforeCrash = SampleBundle.series(rows(postgres, database)).size();
            firstLog = first.stderr();
        }
        kafka.throttleConsumers(0);

        Map<String, String> series;
        String secondLog;
        try (JobProcess second = JobProcess.javaJar(dir, args)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            do {
                Thread.sleep(500);
                series = SampleBundle.only(SampleBundle.series(rows(postgres, database)), expected);
            } while (!series.equals(expected) && System.nanoTime() < deadline && second.isAlive());
            secondLog = second.stderr();
        }
        assertThat(finalsBeforeCrash).as("the crash came before the end").isLessThan(expected.size());
        assertThat(secondLog).contains("Resuming from the newest retained checkpoint");
        assertThat(series).as("the table after the restart (job log: " + dir + ")").containsExactlyEntriesOf(expected);
        assertThat(firstLog + secondLog).doesNotContain(postgres.password());
    }

    private static List<DayMetric> rows(PostgresServer postgres, String database) {
        try (Connection connection = postgres.connect(database)) {
            return PostgresRows.readMetrics(connection, "dkim_trend_daily");
        } catch (SQLException notYet) {
            return List.of(); // the job has not created the table yet
        }
    }
}
