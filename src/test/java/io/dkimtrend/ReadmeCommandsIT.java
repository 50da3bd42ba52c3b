package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.PostgresExtension;
import io.dkimtrend.testing.PostgresServer;
import io.dkimtrend.testing.ReadmeCommands.Command;
import io.dkimtrend.testing.ReadmeCommands;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command README.md and the pages under docs/ show for running the job, typed in the order the
 * README and then those pages give them, in one working folder, as a reader following them would:
 * the hosts and the places outside that folder are replaced by the test's broker and the bundled
 * sample; everything else is as printed. A command that needs a real cluster or Azure says so on its
 * page and is the only kind left out.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ReadmeCommandsIT {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final Path DOCS = JobProcess.PROJECT.resolve("docs");
    /**
     * The pages with job commands, in the order a reader meets them: the README first (its file
     * replay before the chart command that draws its output, its live feed before the charts of the
     * topic), then the PostgreSQL page (its live job before the chart of its table), the backfills
     * and Event Hubs. Every page of docs/ that prints a job command must be here.
     */
    private static final List<Path> PAGES = List.of(JobProcess.PROJECT.resolve("README.md"),
            DOCS.resolve("postgresql.md"), DOCS.resolve("backfills.md"), DOCS.resolve("event-hubs.md"));
    private static final String DATABASE_PASSWORD = "readme-" + UUID.randomUUID();

    private static PostgresServer postgres;

    @BeforeAll
    static void startDatabase(PostgresServer server) {
        postgres = server;
    }

    @Test
    void everyJobCommandOfTheDocsRunsAsPrinted(KafkaBroker kafka) throws Exception {
        try (Stream<Path> docs = Files.list(DOCS)) {
            for (Path page : docs.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                assertThat(ReadmeCommands.of(page).isEmpty() || PAGES.contains(page))
                        .as(page + " prints job commands: it belongs in the pages this test runs").isTrue();
            }
        }
        for (Path page : PAGES) {
            assertThat(ReadmeCommands.of(page)).as(page + "'s job commands").isNotEmpty();
        }
        Path work = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "readme-commands-");
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put("kafka:9092", kafka.bootstrapServers());
        replacements.put("/data/defender", JobProcess.PROJECT.resolve(SampleBundle.EVENTS).toString());
        replacements.put("/archive/insights-logs-advancedhunting-emailevents",
                JobProcess.PROJECT.resolve(SampleBundle.EVENTS).resolve("storage").toString());
        replacements.put("/var/lib/dkim-trend/", work.resolve("var/lib/dkim-trend") + "/");
        replacements.put("jdbc:postgresql://db:5432/soc", postgres.jdbcUrl(postgres.createDatabase("soc")));
        prepareTopics(kafka);
        Map<String, String> environment = Map.of("DKIM_TREND_JDBC_PASSWORD", DATABASE_PASSWORD);
        try (Connection soc = postgres.connect("soc"); Statement statement = soc.createStatement()) {
            statement.execute("CREATE ROLE dkim_trend LOGIN PASSWORD '" + DATABASE_PASSWORD + "'");
            statement.execute("GRANT CREATE ON SCHEMA public TO dkim_trend");
        }

        List<Command> commands = ReadmeCommands.of(PAGES);
        List<String> ran = new ArrayList<>();
        for (Command command : commands) {
            if (command.needsRealClusterOrAzure()) continue;
            List<String> args = command.arguments().stream().map(word -> replace(word, replacements)).toList();
            assertThat(args).as(command.page() + ": " + command.text())
                    .noneMatch(word -> word.matches("[a-z][a-z0-9.-]*:\\d+") && !word.equals(kafka.bootstrapServers()));
            if (isLive(args)) {
                runLive(command, args, work, kafka, environment);
            } else {
                try (JobProcess job = command.isLauncher() ? JobProcess.launcher(work, args)
                        : JobProcess.javaJar(work, args, environment)) {
                    assertThat(job.awaitExit(RUN)).as(command.page() + ": " + command.text() + "; its stderr: "
                            + job.stderr()).isZero();
                }
            }
            ran.add(command.text());
        }

        assertThat(ran).as("the docs' commands that ran").hasSizeGreaterThanOrEqualTo(6)
                .anyMatch(text -> text.equals("bin/dkim-trend")).anyMatch(text -> text.contains(" chart "))
                .anyMatch(text -> text.contains("--jdbc-url")).anyMatch(text -> text.contains("--from"));
        assertThat(commands).filteredOn(Command::needsRealClusterOrAzure).extracting(Command::text)
                .allMatch(text -> text.startsWith("flink run") || text.contains("servicebus.windows.net"));
        // What the first file replay wrote, in Berlin's days, and what the chart command drew from it.
        assertThat(SampleBundle.series(MetricsFiles.read(work.resolve("out/metrics"))))
                .containsExactlyEntriesOf(SampleBundle.expectedSeries("daily-europe-berlin-dedup.csv"));
        assertThat(work.resolve("trend.png")).isNotEmptyFile();
        assertThat(work.resolve("trend.svg")).isNotEmptyFile();
    }

    /** The topics the docs' commands name, the events topic holding the sample as a live feed sent it. */
    private static void prepareTopics(KafkaBroker kafka) throws Exception {
        // Kept forever: the records carry their export's timestamps (weeks old), which the default
        // retention of 7 days would delete within a minute, while the docs' later jobs still read them.
        kafka.createTopic("defender-emailevents", 4, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024),
                "retention.ms", "-1"));
        for (String topic : List.of("dkim-trend-daily", "dkim-trend-alerts", "dkim-trend-dead-letters")) {
            kafka.createTopic(topic, 1);
        }
        List<byte[]> messages = new ArrayList<>(SampleBundle.messagesInEventTimeOrder());
        // Kafka timestamps as the export wrote them, so that a backfill of a time range finds them.
        List<Long> arrivals = new ArrayList<>(SampleBundle.arrivalTimes(messages));
        messages.add(SampleBundle.emailSentNow());
        arrivals.add(System.currentTimeMillis());
        kafka.produce("defender-emailevents", messages, arrivals);
    }

    /**
     * A live command runs until where it writes (the metrics topic, or the database) holds every day
     * of the sample, then is stopped as a user would.
     */
    private static void runLive(Command command, List<String> args, Path work, KafkaBroker kafka,
            Map<String, String> environment) throws Exception {
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");
        try (JobProcess job = JobProcess.javaJar(work, args, environment)) {
            Map<String, String> written = args.contains("--jdbc-url") ? awaitTable(expected, job)
                    : SampleBundle.series(SampleBundle.awaitFinals(kafka, "dkim-trend-daily", expected.keySet(), RUN));
            assertThat(SampleBundle.only(written, expected)).as(command.text() + "; its stderr in " + work)
                    .containsExactlyEntriesOf(expected);
            assertThat(job.isAlive()).as("a live run keeps running").isTrue();
        }
    }

    /** The final rows of the database's day table, in the form of the expected series, once every day has one. */
    private static Map<String, String> awaitTable(Map<String, String> expected, JobProcess job) throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        Map<String, String> written = Map.of();
        while (System.nanoTime() < deadline && job.isAlive() && !written.keySet().containsAll(expected.keySet())) {
            Thread.sleep(500);
            written = new LinkedHashMap<>();
            if (!postgres.query("soc", "SELECT to_regclass('dkim_trend_daily') AS t").get(0).containsValue(null)) {
                for (Map<String, Object> row : postgres.query("soc", "SELECT day, emails, dkim_fail, dkim_pass, "
                        + "dkim_none, dkim_other FROM dkim_trend_daily WHERE series = 'all' AND final ORDER BY day")) {
                    written.put(row.get("day").toString(), row.get("emails") + " " + row.get("dkim_fail") + " "
                            + row.get("dkim_pass") + " " + row.get("dkim_none") + " " + row.get("dkim_other"));
                }
            }
        }
        return written;
    }

    /** A command the job refuses is not live: it runs as a bounded one, and its exit code tells. */
    private static boolean isLive(List<String> args) {
        try {
            return !args.isEmpty() && !args.get(0).equals("chart") && !JobConfig.fromArgs(args.toArray(String[]::new)).isBounded();
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static String replace(String word, Map<String, String> replacements) {
        String replaced = word;
        for (Map.Entry<String, String> entry : replacements.entrySet()) {
            replaced = replaced.replace(entry.getKey(), entry.getValue());
        }
        return replaced;
    }
}
