package io.dkimtrend.bench;

import io.dkimtrend.testing.KafkaBroker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Throughput, start-up, latency and memory of the job beside its ceiling and its peer, on generated
 * input of realistic size, all in one run on the same file. First the headline, every command as a
 * new process as users start it ({@link FreshProcesses}); then, as a second opinion, steps measured
 * inside this JVM after warm-up:
 * <ol>
 *   <li>the ceiling, one thread of Jackson's streaming parser reading only what the count needs;
 *   <li>the job's parse path alone, on one thread;
 *   <li>the job end to end, BATCH replay of the file, at parallelism 1 and 2;
 *   <li>the same count in Flink SQL on the same runtime, at parallelism 1 and 2;
 *   <li>Kafka to the job to Kafka at parallelism 2 on a broker in this JVM: throughput, and the latency
 *       of an event to its day's running record.
 * </ol>
 * Prints a table on stdout (records/s, MB/s, wall time, start-up, records/s with start-up taken out,
 * their ratio to steps 1 and 4, peak RSS), then the start-up of a new JVM's five-line run, the
 * latencies, and checks that every step counted the same days. Run it with
 * {@code mvn -q -Pbench package -DskipTests exec:exec -Dbench.records=600000} (docs/benchmark.md).
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        run(BenchmarkFlags.parse(args), System.out);
        // Flink can leave a file split fetcher parked after a replay (FLINK-40660).
        System.exit(0);
    }

    static void run(BenchmarkFlags flags, PrintStream out) throws Exception {
        String loadAtStart = loadAverage();
        BenchInput input = BenchInput.prepare(flags.cache(), flags.records());
        if (flags.rounds() > 0) {
            FreshProcesses.run(input, FreshProcesses.commands(flags.parallelisms()), flags.rounds(), out);
        }
        if (!flags.inJvm()) {
            return;
        }
        out.println();
        out.println("In one JVM, each step after warm-up runs (leaves out JVM start, class loading and most JIT "
                + "compilation, which the table above includes):");
        progress("start-up of a new JVM's five-line run");
        long freshStartup = FreshJvmStartup.nanos(input.fiveLines());
        OptionalLong launcherStartup = FreshJvmStartup.launcherNanos(input.fiveLines());

        List<StepResult> results = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        progress("1 ceiling");
        StepResult ceiling = CeilingLoop.run(input);
        results.add(ceiling);
        progress("2 parse path");
        ParsePathLoop.Outcome parse = ParsePathLoop.run(input);
        results.add(parse.result());
        long rows = parse.result().records();
        checks.add("parse path = generated series (every row): " + parse.totals().compare(input.expectedRaw()));

        for (int parallelism : flags.parallelisms()) {
            progress("3 job, file replay, p=" + parallelism);
            JobReplay.Outcome job = JobReplay.run(input, rows, parallelism, flags.startupRuns());
            results.add(job.result());
            checks.add("job p=" + parallelism + " = generated series (deduplicated): "
                    + job.totals().compare(input.expectedDedup()));
        }
        List<StepResult> sql = new ArrayList<>();
        for (int parallelism : flags.parallelisms()) {
            progress("4 Flink SQL, p=" + parallelism);
            FlinkSqlDaily.Outcome query = FlinkSqlDaily.run(input, rows, parallelism, flags.startupRuns());
            results.add(query.result());
            sql.add(query.result());
            checks.add("Flink SQL p=" + parallelism + " = parse path: " + query.totals().compare(parse.totals()));
        }
        KafkaRoundTrip.Outcome kafkaRun;
        LatencyProbe.Outcome latency;
        try (KafkaBroker kafka = KafkaBroker.start()) {
            int parallelism = flags.kafkaParallelism();
            progress("5 Kafka -> job -> Kafka, p=" + parallelism);
            kafkaRun = KafkaRoundTrip.run(kafka, input, rows, parallelism, flags.startupRuns());
            results.add(kafkaRun.result());
            checks.add("Kafka run p=" + parallelism + " = generated series (deduplicated): "
                    + kafkaRun.totals().compare(input.expectedDedup()) + "; emails on the late-events topic: "
                    + kafkaRun.lateEvents());
            progress("5 latency, " + flags.probes() + " probes");
            latency = LatencyProbe.run(kafka, kafkaRun.topics(), parallelism, flags.probes());
        }

        out.printf(Locale.ROOT, "input: %s, %,d EmailEvents rows, %.1f MB; load average %s at start, %s at end%n",
                input.file(), rows, input.bytes() / 1e6, loadAtStart, loadAverage());
        ResultTable.print(results, ceiling, sql, out);
        out.printf(Locale.ROOT, "start-up of a local run (new JVM, five-line file, end to end): %.2f s%n",
                freshStartup / 1e9);
        out.println(launcherStartup.isPresent()
                ? String.format(Locale.ROOT, "start-up with bin/dkim-trend (the jar and its class-data-sharing archive): %.2f s",
                        launcherStartup.getAsLong() / 1e9)
                : "start-up with bin/dkim-trend: not measured (no target/dkim-trend.jar with its archive: mvn package first)");
        out.println(latency.describe());
        out.println("5 Kafka input: " + kafkaRun.loading());
        for (String check : checks) {
            out.println("check " + check);
        }
    }

    static void progress(String step) {
        System.err.printf(Locale.ROOT, "%tT benchmark: %s%n", System.currentTimeMillis(), step);
    }

    /** The one-minute load average over the cores: the machine may be shared with other work. */
    private static String loadAverage() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%.2f on %d cores", os.getSystemLoadAverage(), os.getAvailableProcessors());
    }
}
