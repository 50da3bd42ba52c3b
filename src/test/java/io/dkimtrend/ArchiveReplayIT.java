package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.sample.GroundTruth;
import io.dkimtrend.sample.SampleGenerator;
import io.dkimtrend.sample.SampleSettings;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole job on Flink's MiniCluster, replaying the bundled archives with {@code --events}: the
 * daily series equals the true series the generator recorded, deduplicated and raw, in UTC and in
 * Europe/Berlin, at parallelism 2.
 */
class ArchiveReplayIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC           | dedup | daily-utc-dedup.csv
            UTC           | raw   | daily-utc-raw.csv
            Europe/Berlin | dedup | daily-europe-berlin-dedup.csv
            Europe/Berlin | raw   | daily-europe-berlin-raw.csv
            """)
    void replayGivesTheTrueSeries(String zone, String dedup, String expectedCsv) throws Exception {
        List<String> args = new ArrayList<>(List.of("--events", SampleBundle.EVENTS.toString(),
                "--zone", zone, "--parallelism", "2",
                "--metrics-file", out.resolve("metrics").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));
        if (dedup.equals("raw")) args.add("--no-dedup");

        DkimTrendJob.run(JobConfig.fromArgs(args.toArray(String[]::new)));

        List<DayMetric> records = MetricsFiles.read(out.resolve("metrics"));
        assertThat(SampleBundle.series(records)).containsExactlyEntriesOf(SampleBundle.expectedSeries(expectedCsv));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.isFinal).isTrue();
            assertThat(record.zone).isEqualTo(zone);
            assertThat(record.series).isEqualTo("all");
        });
    }

    @ParameterizedTest(name = "{0}, dedup {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC              | true
            Europe/Berlin    | false
            America/New_York | true
            """)
    void anotherGeneratedArchiveGivesItsTrueSeries(String zone, boolean dedup) throws Exception {
        // Another seed, start and length than the bundle: spring DST in Europe and in America.
        SampleSettings settings = SampleSettings.defaults().withSeed(7).withStart(LocalDate.of(2026, 3, 1)).withDays(36);
        GroundTruth truth = SampleGenerator.generate(out.resolve("generated"), settings);
        List<String> args = new ArrayList<>(List.of("--events", out.resolve("generated/events").toString(),
                "--zone", zone, "--parallelism", "2", "--metrics-file", out.resolve("metrics").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));
        if (!dedup) args.add("--no-dedup");

        DkimTrendJob.run(JobConfig.fromArgs(args.toArray(String[]::new)));

        Map<String, String> expected = new LinkedHashMap<>();
        truth.dailySeries(ZoneId.of(zone), dedup).forEach((day, c) -> expected.put(day.toString(),
                c[GroundTruth.EMAILS] + " " + c[GroundTruth.DKIM_FAIL] + " " + c[GroundTruth.SERIES_PASS] + " "
                        + c[GroundTruth.SERIES_NONE] + " " + c[GroundTruth.SERIES_OTHER]));
        assertThat(SampleBundle.series(MetricsFiles.read(out.resolve("metrics")))).containsExactlyEntriesOf(expected);
    }

    @Test
    void theSampleSpikesAreConfirmedAlertsAndNoOtherDayAlerts() throws Exception {
        DkimTrendJob.run(JobConfig.fromArgs("--events", SampleBundle.EVENTS.toString(), "--parallelism", "2",
                "--metrics-file", out.resolve("metrics").toString(), "--alerts-file", out.resolve("alerts").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));

        assertThat(SampleBundle.alertKeys(MetricsFiles.read(out.resolve("alerts"), Alert.class)))
                .containsExactlyElementsOf(SampleBundle.SAMPLE_ALERTS);
    }

    @Test
    void rejectedLinesAreDeadLettersWithReasonOriginAndText() throws Exception {
        DkimTrendJob.run(JobConfig.fromArgs("--events", SampleBundle.EVENTS.toString(),
                "--metrics-file", out.resolve("metrics").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));

        List<String> letters;
        try (Stream<Path> files = Files.list(out.resolve("dead-letters"))) {
            letters = files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertThat(letters).isNotEmpty().allSatisfy(letter -> assertThat(letter)
                .contains("\"reason\":\"").contains("\"origin\":\"").contains("\"payload\":\""));
        assertThat(letters).anySatisfy(letter -> assertThat(letter).contains("not valid JSON"));
        assertThat(letters).anySatisfy(letter -> assertThat(letter).contains("record without Timestamp"));
    }
}
