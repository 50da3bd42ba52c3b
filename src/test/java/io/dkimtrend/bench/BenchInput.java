package io.dkimtrend.bench;

import io.dkimtrend.sample.SampleGenerator;
import io.dkimtrend.sample.SampleSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's input: the sample generator's records mode (Event Hubs envelopes of 1 to 50
 * records, about 1.1 KB per EmailEvents row, other tables' records mixed in), generated once per
 * size and cached, with the generator's expected series beside it; and its first five lines, the
 * smallest run end to end, whose wall time is the start-up.
 */
record BenchInput(Path file, long bytes, Path fiveLines, DailyTotals expectedRaw, DailyTotals expectedDedup) {

    static BenchInput prepare(Path cache, long records) {
        try {
            Path dir = cache.resolve("records-" + records);
            Path file = dir.resolve("events/eventhubs/records-" + records + ".ndjson");
            if (!Files.exists(file)) {
                System.err.println("generating " + file + " (cached for later runs)");
                SampleGenerator.generate(dir, SampleSettings.defaults().withRecords(records));
            }
            Path fiveLines = dir.resolve("five-lines/records-" + records + "-head.ndjson");
            if (!Files.exists(fiveLines)) {
                Files.createDirectories(fiveLines.getParent());
                Files.write(fiveLines, firstLines(file, 5));
            }
            Path expected = dir.resolve("expected");
            return new BenchInput(file, Files.size(file), fiveLines,
                    DailyTotals.ofExpectedCsv(expected.resolve("daily-utc-raw.csv")),
                    DailyTotals.ofExpectedCsv(expected.resolve("daily-utc-dedup.csv")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> firstLines(Path file, int count) throws IOException {
        List<String> lines = new ArrayList<>(count);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < count && (line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
