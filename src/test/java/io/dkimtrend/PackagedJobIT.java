package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged job as a user meets it: {@code bin/dkim-trend} and {@code java -jar
 * target/dkim-trend.jar} started as processes of their own, with plain paths typed relative to the
 * folder they start in, and judged by what a user sees: exit codes, stdout, stderr and the files.
 */
class PackagedJobIT {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final Path SAMPLE_EVENTS = JobProcess.PROJECT.resolve(SampleBundle.EVENTS);

    private static Path work;

    @BeforeAll
    static void workFolder() throws Exception {
        work = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "packaged-job-");
    }

    @Test
    void theDemoPrintsTheBundledSampleAsATable() throws Exception {
        try (JobProcess job = JobProcess.launcher(work, List.of())) {
            assertThat(job.awaitExit(RUN)).isZero();
            assertThat(job.stdout()).contains("Daily DKIM failures", "total");
            assertThat(job.stderr()).contains("counted 3906 emails, dropped 157 duplicates", "wrote 41 days");
        }
    }

    @Test
    void aReplayWritesWhereItsRelativePathsPointAndNamesTheAbsolutePlaces() throws Exception {
        Path dir = Files.createDirectories(work.resolve("replay"));
        String events = dir.relativize(SAMPLE_EVENTS).toString(); // ../../../sample-events/events
        try (JobProcess job = JobProcess.javaJar(dir, List.of("--events", events, "--metrics-file", "out/metrics",
                "--dead-letter-file", "./out/dead", "--alerts-file", "out/alerts", "--chart", "out/trend.png"))) {
            assertThat(job.awaitExit(RUN)).isZero();
            assertThat(job.stderr()).contains("source archives at file://" + SAMPLE_EVENTS + " (BATCH)",
                    "metrics to files in file://" + dir.resolve("out/metrics") + " and a chart at " + dir.resolve("out/trend.png"),
                    "dead letters to files in file://" + dir.resolve("out/dead"));
        }
        List<DayMetric> metrics = MetricsFiles.read(dir.resolve("out/metrics"));
        Map<String, String> expected = SampleBundle.expectedSeries("daily-utc-dedup.csv");
        assertThat(SampleBundle.series(metrics)).containsExactlyEntriesOf(expected);
        assertThat(MetricsFiles.read(dir.resolve("out/dead"), DeadLetter.class)).hasSize(14);
        assertThat(dir.resolve("out/trend.png")).isNotEmptyFile();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --events no-such-folder                                     | --events file://DIR/no-such-folder: no such file or folder
            --events s3://AKIAKEY:SeCrEt@bucket/events                  | --events s3://AKIAKEY:***@bucket/events: no file system for s3:// in this process
            --events EVENTS --checkpoint-dir a-file/checkpoints         | --checkpoint-dir DIR/a-file/checkpoints: the folder cannot be created
            --events EVENTS --metrics-file a-file                       | --metrics-file DIR/a-file: the folder cannot be
            --events EVENTS --chart a-file/trend.png                    | --chart DIR/a-file: the folder cannot be created
            --events-topic t --bootstrap-servers 127.0.0.1:9 --checkpoint-dir fiel:///tmp/ckpt | --checkpoint-dir fiel:///tmp/ckpt: no file system for fiel:// in this process
            --events-topic t --bootstrap-servers 127.0.0.1:9 --from-savepoint ckpt/chk-1 | --from-savepoint file://DIR/ckpt/chk-1: no savepoint or checkpoint there
            --events-topic t --bootstrap-servers 127.0.0.1:9 --checkpoint-dir | --checkpoint-dir needs a path
            --evnts EVENTS                                              | unknown flag --evnts
            --kafka-properties missing.properties --events EVENTS      | --kafka-properties: cannot read DIR/missing.properties
            """)
    void aValueThatCannotWorkIsOneLineOnStderrAndExitCode2(String args, String message) throws Exception {
        Path dir = Files.createDirectories(work.resolve("refused"));
        Files.writeString(dir.resolve("a-file"), "a file where a folder should be");
        List<String> typed = List.of(args.replace("EVENTS", SAMPLE_EVENTS.toString()).trim().split(" +"));
        try (JobProcess job = JobProcess.javaJar(dir, typed)) {
            assertThat(job.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(job.stderr().lines().toList())
                    .singleElement().asString()
                    .startsWith("dkim-trend: " + message.replace("DIR", dir.toString()))
                    .doesNotContain("SeCrEt", "Exception");
            assertThat(job.stdout()).isEmpty();
        }
    }
}
