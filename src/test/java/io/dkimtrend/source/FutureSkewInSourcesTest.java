package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.SourceItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both sources judge a Timestamp against the wall clock with the skew they were given, before
 * their watermarks see the record: what a Kafka record or an archive line dated ahead becomes.
 */
class FutureSkewInSourcesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "skew {0}, Timestamp now + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PT24H | PT48H | dead letter
            PT24H | PT1H  | email
            PT24H | -PT1H | email
            PT72H | PT48H | email
            PT1H  | PT2H  | dead letter
            """)
    void aKafkaRecordFromTheFutureIsADeadLetter(Duration skew, Duration ahead, String expected) {
        KafkaMessageDeserializer deserializer = new KafkaMessageDeserializer(1 << 20, skew);
        List<SourceItem> items = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("events", 0, 7, null, email(ahead)), new ListCollector<>(items));
        assertThat(items).singleElement().satisfies(item -> assertThat(kind(item)).isEqualTo(expected));
    }

    @ParameterizedTest(name = "skew {0}, Timestamp now + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PT24H | PT48H | dead letter
            PT24H | PT1H  | email
            PT72H | PT48H | email
            """)
    void anArchiveLineFromTheFutureIsADeadLetter(Duration skew, Duration ahead, String expected) throws Exception {
        Path file = Files.write(dir.resolve("events.ndjson"), email(ahead));
        FileSourceSplit whole = new FileSourceSplit("whole", new org.apache.flink.core.fs.Path(file.toUri()), 0,
                Files.size(file), 0, Files.size(file));
        List<SourceItem> items = new ArrayList<>();
        try (BulkFormat.Reader<SourceItem> reader = new ArchiveFormat(1 << 20, skew).createReader(new Configuration(), whole)) {
            BulkFormat.RecordIterator<SourceItem> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<SourceItem> next;
                while ((next = batch.next()) != null) items.add(next.getRecord());
                batch.releaseBatch();
            }
        }
        assertThat(items).singleElement().satisfies(item -> assertThat(kind(item)).isEqualTo(expected));
    }

    private static byte[] email(Duration ahead) {
        return ("{\"Timestamp\":\"" + Instant.now().plus(ahead) + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"fail\\\"}\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String kind(SourceItem item) {
        if (item.email != null) return "email";
        assertThat(item.deadLetter.reason).contains("in the future");
        return "dead letter";
    }
}
