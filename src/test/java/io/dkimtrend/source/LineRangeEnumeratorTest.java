package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A large file read in byte ranges gives every line exactly once, wherever the cuts fall. */
class LineRangeEnumeratorTest {

    @TempDir
    java.nio.file.Path folder;

    /** Lines of many lengths, a blank one, CRLF endings, one line far longer than a range, no final newline. */
    private static String messages() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String pad = "x".repeat(i * 7 % 23);
            text.append(row(i, pad)).append(i % 5 == 0 ? "\r\n" : "\n");
            if (i == 20) text.append("\n");
            if (i == 40) text.append(row(1000, "y".repeat(400))).append('\n');
        }
        return text.append(row(2000, "")).toString();
    }

    private static String row(int n, String pad) {
        return "{\"Timestamp\":\"2026-11-03T08:00:00Z\",\"NetworkMessageId\":\"m" + n
                + "\",\"RecipientEmailAddress\":\"r@x\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"pass\\\"}\",\"Pad\":\""
                + pad + "\"}";
    }

    @ParameterizedTest(name = "ranges of {0} bytes")
    @ValueSource(longs = {1, 50, 97, 98, 99, 100, 101, 257, 1000, 4096, 1 << 20})
    void everyLineIsReadOnceWhateverTheRangeSize(long rangeBytes) throws Exception {
        java.nio.file.Path file = folder.resolve("events.ndjson");
        Files.writeString(file, messages());

        Collection<FileSourceSplit> ranges = new LineRangeEnumerator(new DefaultFileFilter(), rangeBytes, rangeBytes)
                .enumerateSplits(new Path[] {new Path(folder.toUri())}, 2);

        long expectedRanges = (Files.size(file) + rangeBytes - 1) / rangeBytes;
        assertThat(ranges).hasSize((int) expectedRanges);
        assertThat(readAll(ranges)).containsExactlyInAnyOrderElementsOf(readAll(List.of(whole(file))));
        assertThat(readAll(List.of(whole(file)))).hasSize(62);
    }

    @Test
    void compressedFilesStayWhole() throws Exception {
        java.nio.file.Path file = folder.resolve("events.ndjson.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(messages().getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, gz.toByteArray());

        Collection<FileSourceSplit> ranges = new LineRangeEnumerator(new DefaultFileFilter(), 10, 10)
                .enumerateSplits(new Path[] {new Path(folder.toUri())}, 2);

        assertThat(ranges).singleElement().satisfies(range -> assertThat(range.length()).isEqualTo(Files.size(file)));
        assertThat(readAll(ranges)).hasSize(62);
    }

    @Test
    void linesOfTheFirstRangeAreNamedByNumberAndLaterOnesByOffset() throws Exception {
        java.nio.file.Path file = folder.resolve("events.ndjson");
        Files.writeString(file, row(1, "") + "\n" + row(2, "") + "\n");
        long second = row(1, "").length() + 1;

        List<String> origins = new ArrayList<>();
        for (FileSourceSplit range : new LineRangeEnumerator(new DefaultFileFilter(), second, second)
                .enumerateSplits(new Path[] {new Path(folder.toUri())}, 2)) {
            read(range, item -> origins.add(item.email.origin().substring(item.email.origin().lastIndexOf('/') + 1)));
        }
        assertThat(origins).containsExactlyInAnyOrder("events.ndjson:1", "events.ndjson@" + second);
    }

    private static FileSourceSplit whole(java.nio.file.Path file) throws Exception {
        return new FileSourceSplit("whole", new Path(file.toUri()), 0, Files.size(file), 0, Files.size(file));
    }

    /** The text of each email read, so that the same line read twice would show. */
    private static List<String> readAll(Collection<FileSourceSplit> ranges) throws Exception {
        List<String> emails = new ArrayList<>();
        for (FileSourceSplit range : ranges) {
            read(range, item -> emails.add(new String(item.email.message, StandardCharsets.UTF_8)));
        }
        return emails;
    }

    private static void read(FileSourceSplit range, java.util.function.Consumer<SourceItem> out) throws Exception {
        ArchiveFormat format = new ArchiveFormat(1 << 20, MessageParser.DEFAULT_MAX_FUTURE_SKEW);
        try (BulkFormat.Reader<SourceItem> reader = format.createReader(new Configuration(), range)) {
            BulkFormat.RecordIterator<SourceItem> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<SourceItem> next;
                while ((next = batch.next()) != null) {
                    out.accept(next.getRecord());
                }
                batch.releaseBatch();
            }
        }
    }
}
