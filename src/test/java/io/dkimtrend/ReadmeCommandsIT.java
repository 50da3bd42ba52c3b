package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.sink.MetricsFiles;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.ReadmeCommands;
import io.dkimtrend.testing.ReadmeCommands.Command;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command README.md shows for running the job, typed in the order the README gives them, in
 * one working folder, as a reader following it would: the hosts and the places outside that folder
 * are replaced by the test's broker and the bundled sample; everything else is as printed. A
 * command that needs a real cluster or Azure says so in the README and is the only kind left out.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReadmeCommandsIT {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final Path README = JobProcess.PROJECT.resolve("README.md");

    @Test
    void everyJobCommandOfTheReadmeRunsAsPrinted(KafkaBroker kafka) throws Exception {
        Path work = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "readme-commands-");
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put("kafka:9092", kafka.bootstrapServers());
        replacements.put("/data/defender", JobProcess.PROJECT.resolve(SampleBundle.EVENTS).toString());
        replacements.put("/archive/insights-logs-advancedhunting-emailevents",
                JobProcess.PROJECT.resolve(SampleBundle.EVENTS).resolve("storage").toString());
        replacements.put("/var/lib/dkim-trend/checkpoints", work.resolve("var/lib/dkim-trend/checkpoints").toString());
        prepareTopics(kafka);

        List<Command> commands = ReadmeCommands.of(README);
        List<String> ran = new ArrayList<>();
        for (Command command : commands) {
            if (command.needsRealClusterOrAzure()) continue;
            List<String> args = command.arguments().stream().map(word -> replace(word, replacements)).toList();
            assertThat(args).as(command.text()).noneMatch(word -> word.matches("[a-z][a-z0-9.-]*:\\d+")
                    && !word.equals(kafka.bootstrapServers()));
            if (isLive(args)) {
                runLive(command, args, work, kafka);
            } else {
                try (JobProcess job = command.isLauncher() ? JobProcess.launcher(work, args) : JobProcess.javaJar(work, args)) {
                    assertThat(job.awaitExit(RUN)).as(command.text() + "; its stderr: " + job.stderr()).isZero();
                }
            }
            ran.add(command.text());
        }

        assertThat(ran).as("the README's commands that ran").hasSizeGreaterThanOrEqualTo(6)
                .anyMatch(text -> text.equals("bin/dkim-trend")).anyMatch(text -> text.contains(" chart "));
        assertThat(commands).filteredOn(Command::needsRealClusterOrAzure).extracting(Command::text)
                .allMatch(text -> text.startsWith("flink run") || text.contains("servicebus.windows.net"));
        // What the first file replay wrote, in Berlin's days, and what the chart command drew from it.
        assertThat(SampleBundle.series(MetricsFiles.read(work.resolve("out/metrics"))))
                .containsExactlyEntriesOf(SampleBundle.expectedSeries("daily-europe-berlin-dedup.csv"));
        assertThat(work.resolve("trend.png")).isNotEmptyFile();
        assertThat(work.resolve("trend.svg")).isNotEmptyFile();
    }

    /** The topics the README's commands name, the events topic holding the sample as a live feed sent it. */
    private static void prepareTopics(KafkaBroker kafka) throws Exception {
        kafka.createTopic("defender-emailevents", 4, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024)));
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

    /** A live command runs until its metrics topic holds every day of the sample, then is stopped as a user would. */
    private static void runLive(Command command, List<String> args, Path work, KafkaBroker kafka) throws Exception {
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");
        try (JobProcess job = JobProcess.javaJar(work, args)) {
            var finals = SampleBundle.awaitFinals(kafka, "dkim-trend-daily", expected.keySet(), RUN);
            assertThat(SampleBundle.only(SampleBundle.series(finals), expected)).as(command.text() + "; its stderr in "
                    + work).containsExactlyEntriesOf(expected);
            assertThat(job.isAlive()).as("a live run keeps running").isTrue();
        }
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
