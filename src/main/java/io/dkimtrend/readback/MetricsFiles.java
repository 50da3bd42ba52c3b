package io.dkimtrend.readback;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads back what {@code --metrics-file} (or another file output) wrote: the finished NDJSON part files of a folder. */
public final class MetricsFiles {

    private MetricsFiles() {}

    public static List<DayMetric> read(Path dir) throws IOException {
        return read(dir, DayMetric.class);
    }

    /** Any of the job's NDJSON outputs; an output that never got a record has no folder. */
    public static <T> List<T> read(Path dir, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // In-progress and pending part files are hidden (their names start with a dot).
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        records.add(Json.read(line, type));
                    }
                }
            }
        }
        return records;
    }
}
