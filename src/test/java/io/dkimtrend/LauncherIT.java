package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Files standing for replays of a given size: sparse, so that they take no room. */
    private static Path sparse(String name, long bytes) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "launcher-sizes"));
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(bytes);
        }
        return file;
    }

    static Stream<Arguments> runs() throws Exception {
        long gb = 1L << 30;
        Path medium = sparse("medium.ndjson", 900L << 20);
        Path large = sparse("large.ndjson", 3 * gb);
        Path packed = sparse("packed.ndjson.gz", 300L << 20);
        return Stream.of(
                // arguments, JAVA_OPTS, the flags the JVM must run with, and those it must not
                Arguments.of(List.of("--events", FIVE_LINES_OF_THE_SAMPLE), "",
                        List.of("SharedArchiveFile", "TieredStopAtLevel=1", "UseSerialGC"), List.of()),
                Arguments.of(List.of(), "", List.of("SharedArchiveFile", "TieredStopAtLevel=1", "UseSerialGC"), List.of()),
                Arguments.of(List.of("--events", medium.toString()), "", List.of("TieredStopAtLevel=1", "UseSerialGC"),
                        List.of("SharedArchiveFile")),
                Arguments.of(List.of("--events", "file://" + medium.toAbsolutePath()), "", List.of("TieredStopAtLevel=1"),
                        List.of("SharedArchiveFile")),
                Arguments.of(List.of("--events", large.toString()), "", List.of(),
                        List.of("SharedArchiveFile", "TieredStopAtLevel", "UseSerialGC")),
                Arguments.of(List.of("--events", packed.toString()), "", List.of(),
                        List.of("SharedArchiveFile", "TieredStopAtLevel", "UseSerialGC")),
                Arguments.of(List.of("--events-topic", "t", "--bootstrap-servers", "127.0.0.1:9092"), "", List.of(),
                        List.of("SharedArchiveFile", "TieredStopAtLevel", "UseSerialGC")),
                Arguments.of(List.of("--events", "s3://bucket/events"), "", List.of(),
                        List.of("SharedArchiveFile", "TieredStopAtLevel")),
                Arguments.of(List.of("--events", medium.toString()), "-XX:+UseParallelGC",
                        List.of("TieredStopAtLevel=1", "UseParallelGC"), List.of("UseSerialGC")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void aReplayRunsWithTheArchiveWhenSmallAndTheQuickCompilerUpTo2GbAndALiveRunOnTheJvmsDefaults(List<String> arguments, String javaOpts,
            List<String> present, List<String> absent) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bin/dkim-trend"));
        command.addAll(arguments);
        command.add("--help");
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true);
        launcher.environment().put("JAVA_OPTS", (javaOpts + " -XX:+PrintCommandLineFlags").trim());
        Process process = launcher.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ends").isTrue();
        String flags = output.lines().filter(line -> line.contains("-XX:")).findFirst().orElse("");
        for (String flag : present) {
            assertThat(flags).contains(flag);
        }
        for (String flag : absent) {
            assertThat(flags).doesNotContain(flag);
        }
    }
}
