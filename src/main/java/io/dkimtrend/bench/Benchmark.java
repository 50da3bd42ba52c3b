package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import io.dkimtrend.sample.SampleGenerator;
import io.dkimtrend.sample.SampleSettings;
import io.dkimtrend.window.CalendarDays;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.FileUtils;

/**
 * Throughput and memory of the job on generated input of realistic size (about 1.1 KB per
 * EmailEvents row, Event Hubs envelopes of 1 to 50 records): the parse path alone on one thread,
 * then the whole job replaying the file at parallelism 1 and 2. Prints a table of records/s, MB/s,
 * wall time and peak RSS per step. The input is cached between runs.
 *
 * <pre>java -cp target/dkim-trend.jar io.dkimtrend.bench.Benchmark [--records 200000] [--cache target/bench]</pre>
 */
public final class Benchmark {

    private record Result(String step, long records, long bytes, long nanos, long peakRssKb) {}

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        long records = 200_000;
        Path cache = Path.of("target", "bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(args[i + 1]);
                case "--cache" -> cache = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        Path input = input(cache, records);
        long bytes = Files.size(input);
        long rows = countRows(input);
        System.err.printf("input: %s, %,d EmailEvents rows, %.1f MB%n", input, rows, bytes / 1e6);

        List<Result> results = new ArrayList<>();
        results.add(parsePath(input, bytes));
        for (String parallelism : List.of("1", "2")) {
            results.add(job(input, bytes, rows, parallelism));
        }
        print(results);
    }

    private static Path input(Path cache, long records) {
        Path dir = cache.resolve("records-" + records);
        Path file = dir.resolve("events/eventhubs/records-" + records + ".ndjson");
        if (!Files.exists(file)) {
            System.err.println("generating " + file + " (cached for later runs)");
            SampleGenerator.generate(dir, SampleSettings.defaults().withRecords(records));
        }
        return file;
    }

    /** The parse path on one thread: every message parsed, emails counted per UTC day. */
    private static Result parsePath(Path input, long bytes) throws IOException {
        resetPeakRss();
        MessageParser parser = new MessageParser();
        Map<Long, long[]> days = new HashMap<>();
        long[] emails = {0};
        long start = System.nanoTime();
        try (BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                parser.parse(line.getBytes(StandardCharsets.UTF_8), "bench", (SourceItem item) -> {
                    if (item.email != null) {
                        emails[0]++;
                        long day = CalendarDays.dayOf(item.email.eventTime, ZoneId.of("UTC")).toEpochDay();
                        long[] counts = days.computeIfAbsent(day, d -> new long[2]);
                        counts[0]++;
                        if (item.email.dkimFailed()) counts[1]++;
                    }
                });
            }
        }
        return new Result("parse path, 1 thread", emails[0], bytes, System.nanoTime() - start, peakRssKb());
    }

    /** The whole job, BATCH replay of the file on a local MiniCluster, start-up included. */
    private static Result job(Path input, long bytes, long rows, String parallelism) throws Exception {
        resetPeakRss();
        Path out = Files.createTempDirectory("dkim-trend-bench-");
        try {
            long start = System.nanoTime();
            DkimTrendJob.run(JobConfig.fromArgs("--events", input.toString(), "--parallelism", parallelism,
                    "--metrics-file", out.resolve("metrics").toString(),
                    "--dead-letter-file", out.resolve("dead").toString()));
            return new Result("job, file replay, p=" + parallelism, rows, bytes, System.nanoTime() - start, peakRssKb());
        } finally {
            FileUtils.deleteDirectoryQuietly(out.toFile());
        }
    }

    private static long countRows(Path input) throws IOException {
        long[] rows = {0};
        MessageParser parser = new MessageParser();
        try (BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                parser.parse(line.getBytes(StandardCharsets.UTF_8), "count", item -> {
                    if (item.email != null) rows[0]++;
                });
            }
        }
        return rows[0];
    }

    private static void print(List<Result> results) {
        System.out.printf("%-26s %12s %9s %9s %14s%n", "step", "records/s", "MB/s", "wall s", "peak RSS MB");
        for (Result r : results) {
            double seconds = r.nanos / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %,12.0f %9.1f %9.2f %14s%n", r.step, r.records / seconds,
                    r.bytes / 1e6 / seconds, seconds, r.peakRssKb < 0 ? "n/a" : Long.toString(r.peakRssKb / 1024));
        }
    }

    /** Linux resets the peak resident set size of a process when 5 is written to clear_refs. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException notLinux) {
            // the figure then covers the whole process so far
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through
        }
        return -1;
    }
}
