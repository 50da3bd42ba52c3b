package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.chart.ChartCommand;
import io.dkimtrend.chart.ChartFiles;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bounded run of the bundled sample reports besides its outputs: the chart it draws with
 * {@code --chart}, the same chart drawn after the fact from its metrics folder by the chart
 * command, and the summary it logs at the end, which accounts for every record as the bundle's
 * ground truth does.
 */
class SampleRunReportIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @TempDir
    static Path out;

    private static RunSummary sampleRun;

    /** Once for the class, inside a test: the extension's cluster takes jobs from the first test on. */
    private static synchronized RunSummary replayTheSample() throws Exception {
        if (sampleRun != null) return sampleRun;
        sampleRun = DkimTrendJob.run(JobConfig.fromArgs("--events", SampleBundle.EVENTS.toString(), "--parallelism", "2",
                "--metrics-file", out.resolve("metrics").toString(), "--alerts-file", out.resolve("alerts").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString(),
                "--chart", out.resolve("trend.png").toString())).orElseThrow();
        return sampleRun;
    }

    @Test
    void theRunDrawsItsSeriesAsAPngOfAtLeast1000By500Pixels() throws Exception {
        replayTheSample();
        BufferedImage chart = ImageIO.read(out.resolve("trend.png").toFile());

        assertThat(chart).as("a PNG that ImageIO reads").isNotNull();
        assertThat(chart.getWidth()).isEqualTo(ChartFiles.WIDTH).isGreaterThanOrEqualTo(1000);
        assertThat(chart.getHeight()).isEqualTo(ChartFiles.HEIGHT).isGreaterThanOrEqualTo(500);
    }

    @Test
    void theChartCommandDrawsTheSamePictureFromTheRunsFolders() throws Exception {
        replayTheSample();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = ChartCommand.run(new String[] {"--metrics-file", out.resolve("metrics").toString(),
                "--alerts-file", out.resolve("alerts").toString(), "--chart", out.resolve("after.png").toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("DKIM failures per day, 2026-10-01 to 2026-11-10 (UTC): chart written to");
        assertThat(pixels(out.resolve("after.png"))).isEqualTo(pixels(out.resolve("trend.png")));
    }

    @Test
    void theSummaryAccountsForEveryRecordAsTheGroundTruthDoes() throws Exception {
        RunSummary summary = replayTheSample();
        JsonNode truth = new ObjectMapper().readTree(SampleBundle.EXPECTED.resolve("counts.json").toFile());
        long emailRows = truth.get("emailRows").asLong();
        long skipped = truth.get("otherTableRecords").asLong();
        long deadLetters = truth.get("deadLetters").asLong();

        assertThat(summary.recordsRead()).isEqualTo(emailRows + skipped + deadLetters);
        assertThat(summary.emailRecords()).isEqualTo(emailRows);
        assertThat(summary.skippedRecords()).isEqualTo(skipped);
        assertThat(summary.deadLetters()).isEqualTo(deadLetters);
        assertThat(summary.duplicatesDropped()).isEqualTo(truth.get("duplicates").asLong());
        assertThat(summary.emailsInDays()).isEqualTo(truth.get("distinctEmails").asLong());
        assertThat(summary.lateTotal()).isZero();
        assertThat(summary.unaccounted()).isZero();
        assertThat(summary.emailsOutsideRange()).isZero();
        // every row is counted before deduplication: the raw series holds them all
        assertThat(summary.dkimFailRecords()).isEqualTo(column(SampleBundle.expectedSeries("daily-utc-raw.csv"), 1));
        assertThat(summary.finalDayRecords()).isEqualTo(SampleBundle.expectedSeries("daily-utc-dedup.csv").size());

        assertThat(summary.line()).contains(
                "read " + (emailRows + skipped + deadLetters) + " records (",
                emailRows + " emails (" + summary.dkimFailRecords() + " failing DKIM), ",
                skipped + " of other tables skipped, " + deadLetters + " dead-lettered; ",
                "counted " + truth.get("distinctEmails").asLong() + " emails, dropped " + truth.get("duplicates").asLong()
                        + " duplicates, 0 late, 0 outside the range; wrote 41 days");
    }

    private static long column(Map<String, String> series, int index) {
        return series.values().stream().mapToLong(counts -> Long.parseLong(counts.split(" ")[index])).sum();
    }

    private static List<Integer> pixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(Files.size(png)).isPositive();
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .boxed().toList();
    }
}
