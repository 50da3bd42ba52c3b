package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/dkim-trend}, the Quick start's command, on the jar and the class-data-sharing archive
 * that {@code mvn package} made: it runs the job, and the JVM maps most classes from the archive
 * instead of loading them from the jar (which is what makes a small run start fast).
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "dkim-trend.jar");
    private static final Path ARCHIVE = Path.of("target", "dkim-trend.jsa");
    private static final String FIVE_LINES_OF_THE_SAMPLE = "sample-events/events/eventhubs/partition-0.ndjson";

    @Test
    void theLauncherRunsTheJobWithMostClassesFromTheArchive() throws Exception {
        assertThat(JAR).as("built by mvn package before the integration tests").exists();
        assertThat(ARCHIVE).as("recorded by mvn package after the jar").exists();
        assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR));
        Path dir = Files.createTempDirectory(Path.of("target"), "launcher-");
        Path fiveLines = dir.resolve("five.ndjson");
        Files.write(fiveLines, Files.readAllLines(Path.of(FIVE_LINES_OF_THE_SAMPLE)).subList(0, 5));
        Path classLog = dir.resolve("classes.log");
        Path stdout = dir.resolve("stdout.txt");

        ProcessBuilder launcher = new ProcessBuilder("bin/dkim-trend", "--events", fiveLines.toString())
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        launcher.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Process process = launcher.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
        } finally {
            process.destroyForcibly();
        }

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(stdout)).contains("Daily DKIM failures", "total");
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        long fromArchive = loaded.stream().filter(line -> line.contains("source: shared objects file")).count();
        assertThat((double) fromArchive / loaded.size()).as("share of classes mapped from an archive").isGreaterThan(0.8);
    }
}
