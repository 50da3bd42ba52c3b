package io.dkimtrend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.parse.EventTimes;
import io.dkimtrend.readback.SeriesTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The committed {@code sample-events/} bundle, as tests read it: its messages and its true series. */
public final class SampleBundle {

    public static final Path ROOT = Path.of("sample-events");
    public static final Path EVENTS = ROOT.resolve("events");
    public static final Path EXPECTED = ROOT.resolve("expected");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The alerts the bundle must raise in UTC with the default settings: the spikes of 2026-10-21 and
     * 2026-11-04; the one of 2026-10-07 falls in the cold start, before two weeks of baseline.
     */
    public static final List<String> SAMPLE_ALERTS = List.of(
            "all/2026-10-21/dkimFail confirmed", "all/2026-10-21/dkimFailRatio confirmed",
            "all/2026-11-04/dkimFail confirmed", "all/2026-11-04/dkimFailRatio confirmed");

    /** Each alert's newest status, as {@code key status}, ordered by key. */
    public static List<String> alertKeys(List<Alert> alerts) {
        return SeriesTable.newestAlerts(alerts).stream().map(alert -> alert.key() + " " + alert.status).sorted().toList();
    }

    private SampleBundle() {}

    /** The expected series of a CSV of {@code expected/}: day to "emails dkimFail pass none other". */
    public static Map<String, String> expectedSeries(String csv) throws IOException {
        Map<String, String> series = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(EXPECTED.resolve(csv));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            // day,emails,dkimFail,dkimPass,dkimNone,dkimOther
            series.put(f[0], f[1] + " " + f[2] + " " + f[3] + " " + f[4] + " " + f[5]);
        }
        return series;
    }

    /** The newest final record per day, in the form of {@link #expectedSeries}. */
    public static Map<String, String> series(List<DayMetric> records) {
        Map<String, String> series = new LinkedHashMap<>();
        for (DayMetric m : SeriesTable.newestFinal(records)) {
            series.put(m.day, m.emails + " " + m.dkimFail + " " + m.dkim.pass + " " + m.dkim.none + " " + m.dkim.other);
        }
        return series;
    }

    /**
     * An email sent now: a live job's watermark then follows the wall clock once the stream goes
     * quiet, so every day of the bundle closes, as it would when the next real email arrives. (Old
     * data alone cannot do that: its partitions go idle, and an all-idle stream holds its watermark.)
     */
    public static byte[] emailSentNow() {
        return ("{\"Timestamp\":\"" + java.time.Instant.now() + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"pass\\\"}\","
                + "\"NetworkMessageId\":\"sent-now\",\"RecipientEmailAddress\":\"soc@contoso.com\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An events topic of three partitions that takes the bundle's largest messages, and a metrics topic. */
    public static void createTopics(KafkaBroker kafka, String events, String metrics) {
        kafka.createTopic(events, 3, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024)));
        kafka.createTopic(metrics, 1);
    }

    /** The bundle as a live feed sends it: every message in event-time order, then {@link #emailSentNow()}. */
    public static List<byte[]> liveFeed() throws IOException {
        List<byte[]> messages = new ArrayList<>(messagesInEventTimeOrder());
        messages.add(emailSentNow());
        return messages;
    }

    /** The committed final day records of a metrics topic, once every given day has one (or the timeout passed). */
    public static List<DayMetric> awaitFinals(KafkaBroker kafka, String topic, Set<String> days, Duration timeout) {
        return kafka.awaitRecords(topic, true, records -> finals(records).stream().map(d -> d.day)
                .collect(Collectors.toSet()).containsAll(days), timeout).stream()
                .map(r -> Json.read(r.value(), DayMetric.class)).filter(d -> d.isFinal).toList();
    }

    private static List<DayMetric> finals(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> Json.read(r.value(), DayMetric.class)).filter(d -> d.isFinal).toList();
    }

    /** The entries of {@code series} for the days that {@code days} has: a live run goes on past them. */
    public static Map<String, String> only(Map<String, String> series, Map<String, String> days) {
        Map<String, String> kept = new LinkedHashMap<>();
        series.forEach((day, counts) -> {
            if (days.containsKey(day)) kept.put(day, counts);
        });
        return kept;
    }

    /**
     * When each message of {@link #messagesInEventTimeOrder()} reached Kafka: five minutes after its
     * earliest Timestamp, as an export would (malformed lines: at the previous message's time).
     */
    public static List<Long> arrivalTimes(List<byte[]> messages) {
        List<Long> times = new ArrayList<>();
        long previous = 0;
        for (byte[] message : messages) {
            long first = firstTimestamp(new String(message, StandardCharsets.UTF_8));
            previous = first == 0 ? previous : first + 300_000;
            times.add(previous == 0 ? 1 : previous);
        }
        return times;
    }

    /** Every message of the bundle (one per line, .gz decompressed), in the order a live feed would send them. */
    public static List<byte[]> messagesInEventTimeOrder() throws IOException {
        record Message(long time, int position, byte[] bytes) {}
        List<Message> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : readLines(file)) {
                    if (line.isBlank()) continue;
                    messages.add(new Message(firstTimestamp(line), messages.size(), line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        messages.sort(Comparator.comparingLong(Message::time).thenComparingInt(Message::position));
        return messages.stream().map(Message::bytes).toList();
    }

    private static List<String> readLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream plain = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return new String(plain.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The earliest Timestamp in a message, or 0 for one that has none (malformed lines go first). */
    private static long firstTimestamp(String line) {
        try {
            JsonNode root = MAPPER.readTree(line);
            long earliest = Long.MAX_VALUE;
            for (JsonNode timestamp : root.findValues("Timestamp")) {
                long millis = EventTimes.parseMillis(timestamp.asText());
                if (millis != EventTimes.INVALID) earliest = Math.min(earliest, millis);
            }
            return earliest == Long.MAX_VALUE ? 0 : earliest;
        } catch (IOException | RuntimeException malformed) {
            return 0;
        }
    }

    static void requireBundle() {
        if (!Files.isDirectory(EVENTS)) {
            throw new UncheckedIOException(new IOException("run the tests from the project folder: " + EVENTS + " is missing"));
        }
    }
}
