package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

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
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports") || flag.startsWith("-Xmx")
                    || flag.startsWith("-Djava.io.tmpdir")) {
                command.add(flag);
            }
        }
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
        Path log = Files.createTempFile("dkim-trend-bench-startup-", ".log");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("a five-line local run did not end within " + TIMEOUT_SECONDS + " s");
            }
            long nanos = System.nanoTime() - start;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("a five-line local run failed with exit code " + process.exitValue()
                        + ": " + Files.readString(log));
            }
            return nanos;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
