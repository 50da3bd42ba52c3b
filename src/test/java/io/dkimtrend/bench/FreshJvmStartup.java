package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The start-up a user feels: a local run of a five-line file in a new JVM, from the process start
 * to its exit after printing the series.
 */
final class FreshJvmStartup {

    private static final long TIMEOUT_SECONDS = 180;
    private static final Path LAUNCHER = Path.of("bin", "dkim-trend");
    private static final Path JAR = Path.of("target", "dkim-trend.jar");
    private static final Path ARCHIVE = Path.of("target", "dkim-trend.jsa");

    private FreshJvmStartup() {}

    /**
     * {@code java ... DkimTrendJob --events FIVE_LINES} with this JVM's classpath and module flags:
     * it loads what {@code java -jar target/dkim-trend.jar} loads, from the class folders and jars
     * instead of the shaded jar.
     */
    static long nanos(Path fiveLines) throws Exception {
        List<String> command = FreshProcesses.javaWithThisJvmsFlags();
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DkimTrendJob.class.getName(),
                "--events", fiveLines.toString()));
        return run(command);
    }

    /**
     * {@code bin/dkim-trend --events FIVE_LINES}: the packaged jar with its class-data-sharing
     * archive, when {@code mvn package} made both and the archive is not older than the jar.
     */
    static OptionalLong launcherNanos(Path fiveLines) throws Exception {
        if (!Files.isRegularFile(JAR) || !Files.isRegularFile(ARCHIVE)
                || Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(run(List.of(LAUNCHER.toString(), "--events", fiveLines.toString())));
    }

    private static long run(List<String> command) throws Exception {
        return Math.round(FreshProcesses.time(command, null, TIMEOUT_SECONDS).wallSeconds() * 1e9);
    }
}
