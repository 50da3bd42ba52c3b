package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start-up a user feels: {@code java ... DkimTrendJob --events FIVE_LINES} in a new JVM, from
 * the process start to its exit after printing the series. It runs with this JVM's classpath and
 * module flags, so it loads what {@code java -jar target/dkim-trend.jar} loads, from the class
 * folders and jars instead of the shaded jar.
 */
final class FreshJvmStartup {

    private static final long TIMEOUT_SECONDS = 180;

    private FreshJvmStartup() {}

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
