package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.Json;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.parse.HostileMessages;
import io.dkimtrend.parse.MessageParser;
import io.dkimtrend.parse.RecordCount;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on hostile input: a 50 MB message and a value nested 100,000 levels deep, in an
 * archive and on Kafka, tombstones, other encodings and thousands of mutated messages become dead
 * letters with their reasons, the job goes on, and its metrics account for every record. A
 * 65-digit number in a column the job skips is normal input: its email counts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileInputJobIT {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final int FIFTY_MB = 50 * 1024 * 1024;

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(METRICS.addToConfiguration(new Configuration()));

    @TempDir
    Path dir;

    @Test
    void anArchiveOfHostileLinesIsAccountedForRecordByRecord() throws Exception {
        Path events = Files.createDirectories(dir.resolve("events"));
        byte[] huge = fiftyMegabyteMessage();
        byte[] deep = nested(100_000);
        Random random = new Random(20261127);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(events.resolve("hostile.ndjson")))) {
            for (int i = 0; i < 3_000; i++) {
                if (i == 1_000) writeLine(out, huge);
                if (i == 2_000) writeLine(out, deep);
                writeLine(out, HostileMessages.randomMessage(random));
            }
        }
        long records = recordsIn(Files.readAllBytes(events.resolve("hostile.ndjson")));

        JobID job = DkimTrendJob.build(JobConfig.fromArgs("--events", events.toString(), "--parallelism", "2",
                "--metrics-file", dir.resolve("metrics").toString(), "--dead-letter-file", dir.resolve("dead").toString(),
                "--alerts-file", dir.resolve("alerts").toString())).execute("hostile archive").getJobID();

        long emails = sum(job, MetricNames.EMAIL_RECORDS);
        long deadLetters = sum(job, MetricNames.DEAD_LETTERS);
        assertThat(emails + sum(job, MetricNames.SKIPPED_RECORDS) + deadLetters).isEqualTo(records);
        List<DeadLetter> letters = MetricsFiles.read(dir.resolve("dead"), DeadLetter.class);
        assertThat(letters).hasSize((int) deadLetters);
        long counted = SeriesTable.newestFinal(MetricsFiles.read(dir.resolve("metrics"))).stream()
                .mapToLong(day -> day.emails).sum();
        assertThat(counted).as("emails counted in a day").isPositive()
                .isEqualTo(emails - sum(job, MetricNames.DUPLICATES_DROPPED));

        assertThat(letters).filteredOn(letter -> letter.payloadBytes == huge.length).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo("message of " + huge.length + " bytes exceeds the limit of 4194304 bytes");
            assertThat(letter.truncated).isTrue();
            assertThat(letter.payload).hasSize(DeadLetter.MAX_PAYLOAD_BYTES).startsWith("{\"Timestamp\"");
        });
        assertThat(letters).filteredOn(letter -> letter.payloadBytes == deep.length).singleElement().satisfies(letter ->
                assertThat(letter.reason).startsWith("over a read limit: Document nesting depth (65) exceeds the maximum allowed (64"));
    }

    @Test
    void limitsTombstonesAndOtherEncodingsOnKafkaAreDeadLettersWithReasons(KafkaBroker kafka) throws Exception {
        kafka.createTopic("hostile-events", 1, Map.of("max.message.bytes", Integer.toString(64 * 1024 * 1024)));
        kafka.createTopic("hostile-dead-letters", 1);
        kafka.createTopic("hostile-metrics", 1);
        byte[] email = "{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"fail\\\"}\",\"Subject\":\"Zoë\"}"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> sent = new LinkedHashMap<>();
        sent.put("counted", email);
        sent.put("message of " + (FIFTY_MB + 0L) + " bytes exceeds the limit of 4194304 bytes", fiftyMegabyteMessage());
        sent.put("over a read limit: Document nesting depth (65) exceeds the maximum allowed (64", nested(100_000));
        sent.put("no message: null value (a Kafka tombstone)", null);
        sent.put("not UTF-8: UTF-16 or UTF-32 text", new String(email, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
        sent.put("not UTF-8: malformed byte sequence at offset ", new String(email, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1));
        sent.put("not UTF-8: malformed byte sequence at offset 0", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        sent.put("counted, a 65-digit number in a column the job skips", new String(email, StandardCharsets.UTF_8)
                .replace("\"Subject\"", "\"AttachmentCount\":" + "9".repeat(65) + ",\"Subject\"").getBytes(StandardCharsets.UTF_8));
        sent.put("also counted", email);
        kafka.produce("hostile-events", new ArrayList<>(sent.values()));

        DkimTrendJob.run(JobConfig.fromArgs(Map.of(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--events-topic", "hostile-events", "--starting-offsets", "earliest", "--bounded",
                "--group-id", "hostile-input-test", "--metrics-topic", "hostile-metrics",
                "--dead-letter-topic", "hostile-dead-letters", "--alerts-topic", "hostile-metrics",
                "--parallelism", "1", "--checkpoint-interval", "1 s", "--transactional-id-prefix", "hostile-input-test"));

        Map<String, DeadLetter> byOrigin = new LinkedHashMap<>();
        kafka.consumeAll("hostile-dead-letters", true, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .forEach(record -> {
                    DeadLetter letter = Json.read(record.value(), DeadLetter.class);
                    byOrigin.put(letter.origin, letter);
                });
        List<String> reasons = new ArrayList<>(sent.keySet());
        for (int offset = 0; offset < reasons.size(); offset++) {
            String origin = "hostile-events/0/" + offset;
            String reason = reasons.get(offset);
            if (reason.contains("counted")) {
                assertThat(byOrigin).doesNotContainKey(origin);
            } else {
                assertThat(byOrigin.get(origin)).as(origin).isNotNull()
                        .satisfies(letter -> assertThat(letter.reason).startsWith(reason));
            }
        }
        DeadLetter huge = byOrigin.get("hostile-events/0/1");
        assertThat(huge.payloadBytes).isEqualTo(FIFTY_MB);
        assertThat(huge.truncated).isTrue();
        assertThat(huge.payload).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);

        List<DayMetric> days = kafka.consumeAll("hostile-metrics", true, Duration.ofSeconds(2), Duration.ofSeconds(60)).stream()
                .filter(record -> record.key().split("/").length == 2)
                .map(record -> Json.read(record.value(), DayMetric.class)).toList();
        assertThat(SeriesTable.newestFinal(days)).singleElement().satisfies(day -> {
            assertThat(day.day).isEqualTo("2026-10-03");
            assertThat(day.emails).as("the three emails among the hostile records, one identity-less row each").isEqualTo(3);
            assertThat(day.dkimFail).isEqualTo(3);
        });
    }

    /** A flat row with a 50 MB Subject: exactly 50 MiB. */
    private static byte[] fiftyMegabyteMessage() {
        byte[] head = "{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"Subject\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[FIFTY_MB];
        Arrays.fill(message, (byte) 'x');
        System.arraycopy(head, 0, message, 0, head.length);
        message[FIFTY_MB - 2] = '"';
        message[FIFTY_MB - 1] = '}';
        return message;
    }

    private static byte[] nested(int depth) {
        return ("{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void writeLine(OutputStream out, byte[] message) throws java.io.IOException {
        out.write(message);
        out.write('\n');
    }

    /** Records in an archive as the job reads it: one message per line, blank lines skipped. */
    private static long recordsIn(byte[] file) {
        long records = 0;
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                if (i == file.length && start == i) break;
                byte[] line = Arrays.copyOfRange(file, start, end);
                if (!isBlank(line)) records += RecordCount.of(line, MessageParser.DEFAULT_MAX_MESSAGE_BYTES).records();
                start = i + 1;
            }
        }
        return records;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    private static long sum(JobID job, String name) {
        return METRICS.findMetrics(job, name).entrySet().stream().filter(entry -> entry.getKey().endsWith("." + name))
                .mapToLong(entry -> ((Counter) entry.getValue()).getCount()).sum();
    }
}
