package io.dkimtrend.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dkimtrend.parse.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Step 1, the ceiling: one thread, Jackson's streaming parser reading only each record's
 * {@code category}, {@code Timestamp} and {@code AuthenticationDetails} and skipping everything
 * else, DKIM failures counted per day as the Timestamp writes it. It does the least a correct
 * reader could do (no zone arithmetic, no deduplication, no dead letters), so no job can beat it
 * on one core. The category is read so that it counts the rows the job counts.
 */
final class CeilingLoop {

    private final JsonFactory json = new JsonFactory();
    private final Map<String, long[]> days = new HashMap<>();
    private long records;

    private CeilingLoop() {}

    static StepResult run(BenchInput input) throws IOException {
        ProcessMemory.resetPeak();
        long start = System.nanoTime();
        long records = count(input.file());
        return new StepResult("1 ceiling: streaming Jackson", 1, records, input.bytes(),
                System.nanoTime() - start, 0, ProcessMemory.peakKb());
    }

    /** The EmailEvents rows of the file, counted by the loop. */
    static long count(Path file) throws IOException {
        CeilingLoop loop = new CeilingLoop();
        loop.readLines(file);
        return loop.records;
    }

    private void readLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
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
                    countLine(line, length);
                    length = 0;
                }
            }
            if (length > 0) {
                countLine(line, length);
            }
        }
    }

    private void countLine(byte[] line, int length) throws IOException {
        try (JsonParser parser = json.createParser(line, 0, length)) {
            String category = null;
            String timestamp = null;
            boolean failed = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("Timestamp") && value == JsonToken.VALUE_STRING) {
                        timestamp = parser.getText();
                    } else if (name.equals("category") && value == JsonToken.VALUE_STRING) {
                        category = parser.getText();
                    } else if (name.equals("AuthenticationDetails") && value == JsonToken.VALUE_STRING) {
                        failed = parser.getText().contains("\"DKIM\":\"fail\"");
                    } else if (!name.equals("records") && !name.equals("properties")) {
                        parser.skipChildren();
                    }
                } else if (token == JsonToken.END_OBJECT && parser.getParsingContext().inArray()) {
                    // the end of one record of the envelope's array
                    if (timestamp != null && MessageParser.EMAIL_EVENTS.equals(category)) {
                        long[] counts = days.computeIfAbsent(timestamp.substring(0, 10), d -> new long[2]);
                        counts[0]++;
                        if (failed) counts[1]++;
                        records++;
                    }
                    category = timestamp = null;
                    failed = false;
                }
            }
        }
    }
}
