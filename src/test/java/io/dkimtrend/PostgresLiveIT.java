package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JdbcPassword;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.PostgresRows;
import io.dkimtrend.testing.CapturedLogs;
import io.dkimtrend.testing.FlinkRest;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.PostgresExtension;
import io.dkimtrend.testing.PostgresServer;
import io.dkimtrend.testing.TestClusters;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live feed into PostgreSQL, against the wall clock (as {@code LiveFeedIT}: the job runs in a
 * zone whose midnight was 30 minutes ago). Yesterday's row goes from running to final; then the
 * database goes away while a late email corrects yesterday and today's first emails arrive: the job
 * fails, restarts from its last checkpoint until the database is back, and the rows then hold the
 * correction and today's running count, nothing lost. The password appears in no log line, no REST
 * answer about the job and no error, the database's outage included.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class PostgresLiveIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    private static PostgresServer postgres;

    @BeforeAll
    static void start(PostgresServer server) {
        postgres = server;
    }

    @Test
    void runningThenFinalThenACorrectionThroughAnOutageWithThePasswordShownNowhere(KafkaBroker kafka) throws Exception {
        Instant now = Instant.now();
        ZoneId zone = LiveFeedIT.zoneWhereMidnightWasThirtyMinutesAgo(now);
        LocalDate today = now.atZone(zone).toLocalDate();
        String yesterday = today.minusDays(1).toString();
        String database = postgres.createDatabase("live");
        kafka.createTopic("pg-live-events", 1);
        kafka.produce("pg-live-events", List.of(
                LiveFeedIT.email(now.minusSeconds(3 * 3600), "fail", "y1"),
                LiveFeedIT.email(now.minusSeconds(2 * 3600), "pass", "y2"),
                LiveFeedIT.email(now.minusSeconds(3600 + 1800), "fail", "y3"),
                LiveFeedIT.email(now.minusSeconds(2400), "pass", "y4")));

        JobConfig config = JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, postgres.password()),
                "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "pg-live-events",
                "--starting-offsets", "earliest", "--group-id", "pg-live-test",
                "--jdbc-url", postgres.jdbcUrl(database), "--jdbc-user", PostgresServer.USER,
                "--zone", zone.getId(),
                "--update-interval", "1 s", "--checkpoint-interval", "1 s", "--idle-timeout", "2 s",
                "--max-out-of-orderness", "1 min", "--allowed-lateness", "1 h", "--parallelism", "1");
        List<String> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, String> rest;
        try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO)) {
            JobClient job = DkimTrendJob.build(config).executeAsync("postgres live test");
            try {
                // Yesterday's emails are older than the out-of-orderness: running rows, then the final
                // one once the quiet stream follows the wall clock past yesterday's end.
                awaitRows(database, rows -> has(rows, yesterday, true, 4, 2), seen);

                postgres.stop();
                kafka.produce("pg-live-events", List.of(
                        LiveFeedIT.email(now.minusSeconds(300), "fail", "t1"),
                        LiveFeedIT.email(now.minusSeconds(3600), "fail", "late-within-lateness")));
                Thread.sleep(OUTAGE.toMillis());
                postgres.restart();

                List<DayMetric> rows = awaitRows(database,
                        r -> has(r, yesterday, true, 5, 3) && has(r, today.toString(), false, 1, 1), seen);
                assertThat(rows).extracting(d -> d.day).containsExactly(yesterday, today.toString());
                rest = new FlinkRest(FLINK.getClientConfiguration()).everythingAbout(job.getJobID().toString());
                errors.add(new FlinkRest(FLINK.getClientConfiguration()).get("/jobs/" + job.getJobID() + "/exceptions"));
            } finally {
                java.nio.file.Files.write(java.nio.file.Path.of("target", "postgres-live-it.log"), logs.lines());
                job.cancel().get();
            }
            assertThat(String.join("\n", errors)).as("the outage failed the job").contains("PSQLException");
            List<String> lines = logs.lines();
            assertThat(lines).as("log lines captured").hasSizeGreaterThan(10);
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(postgres.password()));
            rest.forEach((path, body) -> assertThat(body).as("REST " + path).doesNotContain(postgres.password()));
            assertThat(errors).as("errors").noneMatch(error -> error.contains(postgres.password()));
        }
    }

    /** Polls the table (bounded by {@link #WAIT}) until its rows satisfy {@code done}; notes each state seen. */
    private static List<DayMetric> awaitRows(String database, Predicate<List<DayMetric>> done, List<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<DayMetric> rows = List.of();
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.connect(database)) {
                rows = PostgresRows.readMetrics(connection, "dkim_trend_daily");
                rows.forEach(d -> {
                    String state = d.day + " " + (d.isFinal ? "final" : "running") + " " + d.emails + "/" + d.dkimFail;
                    if (!seen.contains(state)) seen.add(state);
                });
                if (done.test(rows)) {
                    return rows;
                }
            } catch (SQLException notYet) {
                // the table does not exist yet, or the database is down
            }
            Thread.sleep(200);
        }
        throw new AssertionError("rows never got there; seen " + seen);
    }

    private static boolean has(List<DayMetric> rows, String day, boolean isFinal, long emails, long dkimFail) {
        return rows.stream().anyMatch(d -> d.day.equals(day) && d.isFinal == isFinal && d.emails == emails
                && d.dkimFail == dkimFail);
    }
}
