package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.TimeRange;
import io.dkimtrend.source.HourFolderFilter;
import io.dkimtrend.testing.SampleBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.junit.jupiter.api.Test;

/**
 * Backfills from a Storage-account export tree ({@code tenantId=/y=/m=/d=/h=/m=00/PT1H.json}): only
 * the hour folders that can hold the range are read. That the days replayed from it equal an
 * independent count of the same records is {@link StorageBackfillIT}.
 */
class StorageBackfillTest {

    private static final Path STORAGE = SampleBundle.EVENTS.resolve("storage");
    private static final Pattern HOUR = Pattern.compile("y=(\\d{4})/m=(\\d{2})/d=(\\d{2})/h=(\\d{2})/");

    @Test
    void onlyTheHourFoldersOfTheRangeAreRead() throws Exception {
        TimeRange range = new TimeRange(Instant.parse("2026-10-05T00:00:00Z"), Instant.parse("2026-10-06T06:00:00Z"));
        Set<String> opened = new HashSet<>();
        for (FileSourceSplit split : new NonSplittingRecursiveEnumerator(
                new HourFolderFilter(range)).enumerateSplits(new org.apache.flink.core.fs.Path[] {
                    new org.apache.flink.core.fs.Path(STORAGE.toUri())}, 1)) {
            opened.add(Path.of(split.path().toUri()).toString());
        }

        Set<String> inRange = new HashSet<>();
        Set<String> all = new HashSet<>();
        try (Stream<Path> files = Files.walk(STORAGE)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                all.add(file.toAbsolutePath().toString());
                Instant hour = hourOf(file);
                if (!hour.isBefore(range.start()) && hour.isBefore(range.end())) inRange.add(file.toAbsolutePath().toString());
            });
        }
        assertThat(opened).isNotEmpty().isEqualTo(inRange);
        assertThat(opened.size()).as("files opened of " + all.size()).isLessThan(all.size() / 2);
    }

    private static Instant hourOf(Path file) {
        Matcher m = HOUR.matcher(file.toString().replace('\\', '/'));
        assertThat(m.find()).as(file.toString()).isTrue();
        return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), 0).atZone(ZoneId.of("UTC")).toInstant();
    }
}
