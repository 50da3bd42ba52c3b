package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    @Test
    void printsFilesBytesRateAndTimeLeft() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ReplayProgress progress = ReplayProgress.report(4, 4_000_000, Duration.ofMillis(50),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            ReplayProgress.message(999_999);
            ReplayProgress.fileDone(1, true);
            ReplayProgress.message(500_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (printed.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("replay: 1 of 4 files, 1.5 of 4.0 MB (38%), ")
                .contains(" messages/s, about ").endsWith(" left"));
    }
}
