package io.dkimtrend.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart command refuses what it cannot draw, with the reason: wrong arguments, a folder that is
 * not there. What it draws, from a run's folders and from a live feed's topics, is checked in
 * {@code SampleRunReportIT} and {@link ChartCommandIT}.
 */
class ChartCommandTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --metrics-file m                                                     | --chart PATH is needed
            --chart t.png                                                        | give one of --metrics-file, --metrics-topic or --jdbc-url
            --chart t.png --metrics-file m --metrics-topic t --bootstrap-servers k:9092 | give one of --metrics-file, --metrics-topic or --jdbc-url
            --chart t.gif --metrics-file m                                       | --chart must name a .png or .svg file
            --chart t.png --metrics-topic t                                      | output topics need --bootstrap-servers
            --chart t.png --metrics-file m --events e                            | reads what a run wrote, not events
            --chart t.png --metrics-file m --colour red                          | unknown flag --colour
            """)
    void wrongArgumentsAreRefusedWithTheReasonAndTheUsage(String args, String reason) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ChartCommand.run(args.split(" "), quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(reason).contains("Usage: java -jar dkim-trend.jar chart");
    }

    @Test
    void aMissingFolderIsAnErrorNotAnEmptyChart() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ChartCommand.run(new String[] {"--metrics-file", out.resolve("nothing").toString(),
            "--chart", out.resolve("t.png").toString()}, quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no metrics folder");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
