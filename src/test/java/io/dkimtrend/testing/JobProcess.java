package io.dkimtrend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The packaged job started the way its README shows it, as a process of its own: {@code java -jar
 * target/dkim-trend.jar} or {@code bin/dkim-trend}, with the flags as a user types them, in a working
 * folder of the test's choosing (so relative paths resolve there). Its stdout and stderr go to files
 * in that folder, kept after the test, since they explain a failure.
 */
public final class JobProcess implements AutoCloseable {

    public static final Path PROJECT = Path.of("").toAbsolutePath();
    public static final Path JAR = PROJECT.resolve("target").resolve("dkim-trend.jar");
    public static final Path LAUNCHER = PROJECT.resolve("bin").resolve("dkim-trend");

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JobProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** {@code java -jar target/dkim-trend.jar ARGS}, started in {@code workDir}. */
    public static JobProcess javaJar(Path workDir, List<String> args) throws IOException {
        return javaJar(workDir, args, Map.of());
    }

    /** The same, with these environment variables set (credentials, as a user exports them). */
    public static JobProcess javaJar(Path workDir, List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(args);
        return start(workDir, command, environment);
    }

    /** {@code bin/dkim-trend ARGS}, started in {@code workDir}. */
    public static JobProcess launcher(Path workDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        return start(workDir, command, Map.of());
    }

    private static JobProcess start(Path workDir, List<String> command, Map<String, String> environment)
            throws IOException {
        UnitSuiteGuard.refuse("the packaged job as a process");
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run after mvn package");
        }
        int number = STARTED.incrementAndGet();
        Path stdout = workDir.resolve("job-" + number + ".out");
        Path stderr = workDir.resolve("job-" + number + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return new JobProcess(builder.start(), stdout, stderr);
    }

    /** Waits for the job to end by itself; kills it and fails when it has not within {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the job did not end within " + timeout + "; its stderr is in " + stderr);
        }
        return process.exitValue();
    }

    /** Waits until its stderr (the log) satisfies {@code condition}; fails if the job ends or time runs out first. */
    public String awaitLog(Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String log = stderr();
            if (condition.test(log)) {
                return log;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the job ended with exit code " + process.exitValue() + "; its stderr is in " + stderr);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job's log did not show what was awaited within " + timeout + ": " + stderr);
    }

    /** {@code kill -9}: no shutdown hook, no last checkpoint, no transaction aborted. */
    public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() throws IOException {
        return Files.readString(stdout);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
