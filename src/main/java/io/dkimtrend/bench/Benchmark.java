package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import io.dkimtrend.config.JobConfig;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import io.dkimtrend.sample.SampleGenerator;
import io.dkimtrend.source.ArchiveFormat;
import io.dkimtrend.sample.SampleSettings;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.file.src.reader.StreamFormat;
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
        List<Result> results = new ArrayList<>();
        results.add(ceiling(input, bytes));
        results.add(parsePath(input, bytes));
        // The parse path is the job's own: the rows it found are the rows the job reads.
        long rows = results.get(1).records();
        System.err.printf("input: %s, %,d EmailEvents rows, %.1f MB%n", input, rows, bytes / 1e6);
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

    /**
     * The ceiling: one thread, Jackson's streaming parser reading only Timestamp and
     * AuthenticationDetails and skipping everything else, DKIM failures counted per day.
     */
    private static Result ceiling(Path input, long bytes) throws IOException {
        resetPeakRss();
        JsonFactory json = new JsonFactory();
        Map<String, long[]> days = new HashMap<>();
        long records = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(input)) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[1 << 16];
            int length = 0;
            int read;
            while ((read = in.read(chunk)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        if (length == line.length) line = Arrays.copyOf(line, 2 * length);
                        line[length++] = chunk[i];
                        continue;
                    }
                    records += countLine(json, line, length, days);
                    length = 0;
                }
            }
            records += length > 0 ? countLine(json, line, length, days) : 0;
        }
        return new Result("ceiling: streaming Jackson", records, bytes, System.nanoTime() - start, peakRssKb());
    }

    private static long countLine(JsonFactory json, byte[] line, int length, Map<String, long[]> days)
            throws IOException {
        long records = 0;
        try (JsonParser parser = json.createParser(line, 0, length)) {
            String timestamp = null;
            boolean failed = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("Timestamp") && value == JsonToken.VALUE_STRING) {
                        timestamp = parser.getText();
                    } else if (name.equals("AuthenticationDetails") && value == JsonToken.VALUE_STRING) {
                        failed = parser.getText().contains("\"DKIM\":\"fail\"");
                    } else if (!name.equals("records") && !name.equals("properties")) {
                        parser.skipChildren();
                    }
                } else if (token == JsonToken.END_OBJECT && timestamp != null) {
                    long[] counts = days.computeIfAbsent(timestamp.substring(0, 10), d -> new long[2]);
                    counts[0]++;
                    if (failed) counts[1]++;
                    records++;
                    timestamp = null;
                    failed = false;
                }
            }
        }
        return records;
    }

    /** The job's parse path alone on one thread: its line reader and parser, emails counted per UTC day. */
    private static Result parsePath(Path input, long bytes) throws IOException {
        resetPeakRss();
        Map<Long, long[]> days = new HashMap<>();
        long emails = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(input);
                StreamFormat.Reader<SourceItem> reader = ArchiveFormat.lineReader(in, input.toString(), bytes,
                        MessageParser.DEFAULT_MAX_MESSAGE_BYTES)) {
            SourceItem item;
            while ((item = reader.read()) != null) {
                if (item.email != null) {
                    emails++;
                    long day = Math.floorDiv(item.email.eventTime, 86_400_000L);
                    long[] counts = days.computeIfAbsent(day, d -> new long[2]);
                    counts[0]++;
                    if (item.email.dkimFailed()) counts[1]++;
                }
            }
        }
        return new Result("parse path, 1 thread", emails, bytes, System.nanoTime() - start, peakRssKb());
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

    private static void print(List<Result> results) {
        double ceiling = results.get(0).records / (results.get(0).nanos / 1e9);
        System.out.printf("%-26s %12s %9s %9s %14s %12s%n", "step", "records/s", "MB/s", "wall s", "peak RSS MB",
                "of ceiling");
        for (Result r : results) {
            double seconds = r.nanos / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %,12.0f %9.1f %9.2f %14s %11.0f%%%n", r.step, r.records / seconds,
                    r.bytes / 1e6 / seconds, seconds, r.peakRssKb < 0 ? "n/a" : Long.toString(r.peakRssKb / 1024),
                    100 * r.records / seconds / ceiling);
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
