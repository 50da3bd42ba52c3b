package io.dkimtrend.bench;

import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import io.dkimtrend.source.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.file.src.reader.StreamFormat;

/**
 * Step 2, the job's parse path alone on one thread: the line reader and parser its file source
 * uses, emails counted per UTC day (every row, before deduplication).
 */
final class ParsePathLoop {

    /** The measurement and the per-day counts it found, which later steps are checked against. */
    record Outcome(StepResult result, DailyTotals totals) {}

    private ParsePathLoop() {}

    static Outcome run(BenchInput input) throws IOException {
        ProcessMemory.resetPeak();
        Map<Long, long[]> days = new HashMap<>();
        long emails = 0;
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(input.file());
                StreamFormat.Reader<SourceItem> reader = ArchiveFormat.lineReader(in, input.file().toString(),
                        input.bytes(), MessageParser.DEFAULT_MAX_MESSAGE_BYTES)) {
            SourceItem item;
            while ((item = reader.read()) != null) {
                if (item.email != null) {
                    emails++;
                    long[] counts = days.computeIfAbsent(Math.floorDiv(item.email.eventTime, 86_400_000L),
                            d -> new long[2]);
                    counts[0]++;
                    if (item.email.dkimFailed()) counts[1]++;
                }
            }
        }
        StepResult result = new StepResult("2 parse path, 1 thread", 1, emails, input.bytes(),
                System.nanoTime() - start, 0, ProcessMemory.peakKb());
        DailyTotals totals = new DailyTotals();
        days.forEach((day, counts) -> totals.add(LocalDate.ofEpochDay(day), counts[0], counts[1]));
        return new Outcome(result, totals);
    }
}
