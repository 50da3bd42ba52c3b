package io.dkimtrend.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's table. Throughput is given over the whole wall time and with the start-up taken
 * out ("net"); the ratios compare the net figures with the ceiling (one thread of streaming Jackson)
 * and with Flink SQL at the same parallelism (p=1 for the single-threaded loops).
 */
final class ResultTable {

    static final String HEADER_FORMAT = "%-28s %2s %10s %7s %7s %8s %10s %8s %7s %8s%n";
    private static final String ROW_FORMAT = "%-28s %2d %,10.0f %7.1f %7.2f %8s %,10.0f %8s %7s %8s%n";

    private ResultTable() {}

    static void print(List<StepResult> results, StepResult ceiling, List<StepResult> sql, PrintStream out) {
        out.printf(Locale.ROOT, HEADER_FORMAT, "step", "p", "records/s", "MB/s", "wall s", "start-up", "net rec/s",
                "of ceil.", "of SQL", "RSS MB");
        for (StepResult r : results) {
            out.printf(Locale.ROOT, ROW_FORMAT, r.step(), r.parallelism(), r.recordsPerSecond(),
                    r.megabytesPerSecond(), r.seconds(),
                    r.hasStartup() ? String.format(Locale.ROOT, "%.2f", r.startupNanos() / 1e9) : "-",
                    r.netRecordsPerSecond(), percent(r, ceiling), percent(r, sqlAt(sql, r.parallelism())),
                    r.peakRssKb() == ProcessMemory.UNKNOWN ? "n/a" : Long.toString(r.peakRssKb() / 1024));
        }
    }

    private static StepResult sqlAt(List<StepResult> sql, int parallelism) {
        return sql.stream().filter(s -> s.parallelism() == parallelism).findFirst()
                .orElse(sql.isEmpty() ? null : sql.get(0));
    }

    private static String percent(StepResult r, StepResult reference) {
        if (reference == null || Double.isNaN(r.netRecordsPerSecond()) || Double.isNaN(reference.netRecordsPerSecond())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f%%", 100 * r.netRecordsPerSecond() / reference.netRecordsPerSecond());
    }
}
