package io.dkimtrend.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The headline: every command as a user starts it, a new process per run. In each round every
 * command runs once on the input's first five lines and once on the whole file, one after the
 * other, so that a machine slowing down or speeding up weighs on all of them alike. A command's net
 * time in a round is its whole-file wall time minus its five-line wall time (start-up, JIT warm-up
 * of an empty run, shutdown); its rate is the file's EmailEvents rows over that, and its ratio is
 * taken against the loop's rate of the same round. Medians over the rounds, with the spread.
 *
 * <p>Peak memory and CPU time come from {@code /usr/bin/time} when the machine has it.
 */
final class FreshProcesses {

    private static final long TIMEOUT_SECONDS = 600;
    private static final Path JAR = Path.of("target", "dkim-trend.jar");
    private static final Path LAUNCHER = Path.of("bin", "dkim-trend");
    private static final Path TIME = Path.of("/usr/bin/time");

    /** What a run of one command printed to show it counted right. */
    enum Check { ROWS, SERIES }

    record Command(String name, int parallelism, List<String> prefix, List<String> suffix, Check check) {
        List<String> on(Path file) {
            List<String> argv = new ArrayList<>(prefix);
            argv.add(file.toString());
            argv.addAll(suffix);
            return argv;
        }
    }

    /** One run: wall, CPU (user + system) and peak resident memory, the last two NaN when unknown. */
    record Run(double wallSeconds, double cpuSeconds, double peakRssMb) {}

    private FreshProcesses() {}

    static List<Command> commands(List<Integer> parallelisms) {
        List<String> peer = javaWithThisJvmsFlags();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-Dlog4j2.configurationFile")) {
                peer.add(flag); // the benchmark's errors-only logging
            }
        }
        peer.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerProcess.class.getName()));
        List<Command> commands = new ArrayList<>();
        commands.add(new Command("loop: one thread of streaming Jackson", 1, with(peer, "loop"), List.of(), Check.ROWS));
        for (int p : parallelisms) {
            commands.add(new Command("Flink SQL, json format", p, with(peer, "sql"), List.of(String.valueOf(p)),
                    Check.ROWS));
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        for (int p : parallelisms) {
            commands.add(new Command("java -jar target/dkim-trend.jar", p,
                    List.of(javaCommand, "-jar", JAR.toString(), "--events"),
                    List.of("--parallelism", String.valueOf(p)), Check.SERIES));
        }
        for (int p : parallelisms) {
            commands.add(new Command("bin/dkim-trend", p, List.of(LAUNCHER.toString(), "--events"),
                    List.of("--parallelism", String.valueOf(p)), Check.SERIES));
        }
        return commands;
    }

    /** Runs the rounds and prints the table; fails when a run fails or counts wrong. */
    static void run(BenchInput input, List<Command> commands, int rounds, PrintStream out) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no " + JAR + ": run mvn package first");
        }
        long rows = input.expectedRaw().emails();
        long counted = input.expectedDedup().emails();
        Map<Command, List<Run>> tiny = new LinkedHashMap<>();
        Map<Command, List<Run>> whole = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Command command : commands) {
                Benchmark.progress("fresh processes, round " + round + "/" + rounds + ": " + command.name() + " p="
                        + command.parallelism());
                tiny.computeIfAbsent(command, c -> new ArrayList<>())
                        .add(time(command.on(input.fiveLines()), null, TIMEOUT_SECONDS));
                String expected = command.check() == Check.ROWS ? "rows " + rows : "total " + counted;
                whole.computeIfAbsent(command, c -> new ArrayList<>()).add(time(command.on(input.file()), expected, TIMEOUT_SECONDS));
            }
        }
        print(commands, tiny, whole, rows, rounds, out);
    }

    private static void print(List<Command> commands, Map<Command, List<Run>> tiny, Map<Command, List<Run>> whole,
            long rows, int rounds, PrintStream out) {
        Command loop = commands.get(0);
        out.printf(Locale.ROOT, "Fresh processes, as users start them: %d rounds, medians (min-max); net = whole file "
                + "minus five lines; x loop = net rate over the loop's net rate of the same round%n", rounds);
        String header = "%-36s %2s %17s %18s %10s %17s %7s %7s%n";
        out.printf(Locale.ROOT, header, "command", "p", "five lines s", "whole file s", "net rows/s", "x loop",
                "CPU s", "RSS MB");
        for (Command command : commands) {
            List<Run> small = tiny.get(command);
            List<Run> big = whole.get(command);
            double[] net = new double[rounds];
            double[] ratio = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                net[i] = rows / (big.get(i).wallSeconds() - small.get(i).wallSeconds());
                double loopNet = rows / (whole.get(loop).get(i).wallSeconds() - tiny.get(loop).get(i).wallSeconds());
                ratio[i] = net[i] / loopNet;
            }
            out.printf(Locale.ROOT, header, command.name(), command.parallelism(), spread(small, Run::wallSeconds, "%.2f"),
                    spread(big, Run::wallSeconds, "%.2f"), String.format(Locale.ROOT, "%,.0f", median(net)),
                    spread(ratio, "%.2f"), format(median(values(big, Run::cpuSeconds)), "%.1f"),
                    format(median(values(big, Run::peakRssMb)), "%.0f"));
        }
    }

    /** Runs one process to its end; with {@code expected}, its stdout must hold that line (blanks squeezed). */
    static Run time(List<String> argv, String expected, long timeoutSeconds) throws Exception {
        Path stdout = Files.createTempFile("dkim-trend-bench-out-", ".txt");
        Path stderr = Files.createTempFile("dkim-trend-bench-err-", ".txt");
        Path usage = Files.createTempFile("dkim-trend-bench-time-", ".txt");
        try {
            List<String> command = new ArrayList<>();
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                command.addAll(List.of(TIME.toString(), "-o", usage.toString(), "-f", "%U %S %M"));
            }
            command.addAll(argv);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not end within " + timeoutSeconds + " s");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed with exit code " + process.exitValue()
                        + ": " + tail(stderr));
            }
            if (expected != null && Files.readAllLines(stdout).stream()
                    .map(line -> line.trim().replaceAll("\\s+", " "))
                    .noneMatch(line -> line.equals(expected) || line.startsWith(expected + " "))) {
                throw new IllegalStateException(String.join(" ", argv) + " did not print \"" + expected + "\": "
                        + tail(stdout));
            }
            if (!timed) {
                return new Run(wall, Double.NaN, Double.NaN);
            }
            String[] figures = Files.readString(usage).trim().split("\\s+");
            int n = figures.length;
            return new Run(wall, Double.parseDouble(figures[n - 3]) + Double.parseDouble(figures[n - 2]),
                    Double.parseDouble(figures[n - 1]) / 1024);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(usage);
        }
    }

    /** {@code java} with the module and memory flags this JVM was given, for a process on the test classpath. */
    static List<String> javaWithThisJvmsFlags() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports") || flag.startsWith("-Xmx")
                    || flag.startsWith("-Djava.io.tmpdir")) {
                command.add(flag);
            }
        }
        return command;
    }

    private static List<String> with(List<String> command, String argument) {
        List<String> argv = new ArrayList<>(command);
        argv.add(argument);
        return argv;
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    private static double[] values(List<Run> runs, ToDoubleFunction<Run> figure) {
        return runs.stream().mapToDouble(figure).toArray();
    }

    private static String spread(List<Run> runs, ToDoubleFunction<Run> figure, String format) {
        return spread(values(runs, figure), format);
    }

    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return format(median(values), format) + " (" + format(sorted[0], format) + "-"
                + format(sorted[sorted.length - 1], format) + ")";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }
}
