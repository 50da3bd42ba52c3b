package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills from a Storage-account export tree ({@code tenantId=/y=/m=/d=/h=/m=00/PT1H.json}): the
 * days replayed equal an independent count of the same records. That only the hour folders that can
 * hold the range are read is {@link StorageBackfillTest}.
 */
class StorageBackfillIT {

    private static final Path STORAGE = SampleBundle.EVENTS.resolve("storage");

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @TempDir
    Path out;

    @Test
    void aStorageTreeReplayEqualsAnIndependentCountOfItsRecords() throws Exception {
        JobConfig config = JobConfig.fromArgs("--events", STORAGE.toString(), "--from", "2026-10-05", "--until",
                "2026-10-09", "--range-padding", "1 h", "--baseline-days", "7", "--baseline-min-days", "7",
                "--metrics-file", out.resolve("metrics").toString(), "--dead-letter-file", out.resolve("dead").toString());
        DkimTrendJob.run(config);

        Map<String, String> replayed = new TreeMap<>();
        for (DayMetric day : SeriesTable.newestFinal(MetricsFiles.read(out.resolve("metrics")))) {
            replayed.put(day.day, day.emails + " " + day.dkimFail);
        }
        Map<String, String> counted = independentCount(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-09"));
        assertThat(replayed).isEqualTo(counted).hasSize(4);
    }

    /** Emails and DKIM failures per UTC day in [first, end), read with Jackson's tree model, deduplicated. */
    private static Map<String, String> independentCount(LocalDate first, LocalDate end) throws IOException {
        ObjectMapper json = new ObjectMapper();
        TreeMap<String, long[]> days = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(STORAGE)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            for (String line : lines(file)) {
                JsonNode record;
                try {
                    record = json.readTree(line);
                } catch (IOException malformed) {
                    continue;
                }
                if (record == null || !record.isObject()) continue;
                String category = record.path("category").asText("AdvancedHunting-EmailEvents");
                JsonNode row = record.path("properties");
                if (!category.equalsIgnoreCase("AdvancedHunting-EmailEvents") || !row.isObject()) continue;
                LocalDate day = utcDay(row.path("Timestamp").asText(""));
                if (day == null || day.isBefore(first) || !day.isBefore(end)) continue;
                String id = row.path("NetworkMessageId").asText("");
                String recipient = row.path("RecipientEmailAddress").asText("");
                if (!id.isEmpty() && !recipient.isEmpty() && !seen.add((id + "|" + recipient).toLowerCase())) continue;
                JsonNode details = row.path("AuthenticationDetails");
                if (details.isTextual()) {
                    try {
                        details = json.readTree(details.asText());
                    } catch (IOException notJson) {
                        details = null;
                    }
                }
                boolean failed = false;
                if (details != null && details.isObject()) {
                    for (Map.Entry<String, JsonNode> field : details.properties()) {
                        failed |= field.getKey().equalsIgnoreCase("DKIM") && field.getValue().asText().equalsIgnoreCase("fail");
                    }
                }
                long[] counts = days.computeIfAbsent(day.toString(), d -> new long[2]);
                counts[0]++;
                if (failed) counts[1]++;
            }
        }
        // Days without email between the first and the last day with email count zero.
        LocalDate firstDay = LocalDate.parse(days.firstKey());
        LocalDate lastDay = LocalDate.parse(days.lastKey());
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            days.putIfAbsent(d.toString(), new long[2]);
        }
        Map<String, String> series = new TreeMap<>();
        days.forEach((day, counts) -> series.put(day, counts[0] + " " + counts[1]));
        return series;
    }

    private static LocalDate utcDay(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (RuntimeException noOffset) {
            try {
                return LocalDateTime.parse(timestamp).toLocalDate();
            } catch (RuntimeException notATimestamp) {
                return null;
            }
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream plain = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(plain.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
