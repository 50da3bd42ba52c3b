package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.SourceItem;
import java.io.IOException;
import java.util.List;

/**
 * Walks the shape of one message, in a single streaming pass: the Event Hubs envelope
 * {@code {"records":[...]}}, whose elements are the records, or one record, bare
 * ({@code {"category":...,"properties":{...}}}) or a flat EmailEvents row with the columns at top
 * level. Each record goes to {@link RecordClassifier} as soon as it is read.
 */
final class EnvelopeReader {

    private final JsonFactory factory;
    private final EmailEventsColumns columns;
    private final RecordClassifier classifier;

    /** {@code factory} reads under the message's limits ({@link MessageLimits#jsonFactory()}). */
    EnvelopeReader(RecordClassifier classifier, JsonFactory factory) {
        this.classifier = classifier;
        this.factory = factory;
        this.columns = new EmailEventsColumns(factory);
    }

    /**
     * Adds what the message holds to {@code items}, one item per record. Throws when the message is
     * not valid JSON or breaks a read limit; what it added by then must not count.
     */
    void read(byte[] message, String origin, long latest, List<SourceItem> items) throws IOException {
        try (JsonParser parser = factory.createParser(message)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                items.add(SourceItem.deadLetter(DeadLetter.of(
                        first == null ? "empty message" : "not a JSON object", origin, message)));
                return;
            }
            RecordFields top = readRecord(parser, message, origin, items, latest);
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON object");
            }
            if (!top.hasRecordsArray) {
                items.add(classifier.classify(top, message, origin, EmailEvent.WHOLE_MESSAGE, latest));
            }
        }
    }

    /**
     * Reads the object the parser stands at. Only at top level, where {@code items} is not null, is
     * a {@code records} array the envelope's: its elements are read in place and go to
     * {@code items}. Inside a record it is a column like any other, skipped.
     */
    private RecordFields readRecord(JsonParser parser, byte[] message, String origin, List<SourceItem> items,
            long latest) throws IOException {
        RecordFields record = new RecordFields();
        record.start = tokenStart(parser);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "records" -> {
                    if (value == JsonToken.START_ARRAY && items != null) {
                        if (record.hasRecordsArray) {
                            // Which array would count? Neither: readers of duplicate keys disagree.
                            throw new IOException("more than one records array");
                        }
                        record.hasRecordsArray = true;
                        readRecordsArray(parser, message, origin, items, latest);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "category" -> record.category = EmailEventsColumns.textOrNull(parser, value, record, name);
                case "tenantId", "TenantId" -> {
                    String tenant = EmailEventsColumns.textOrNull(parser, value, record, name);
                    if (tenant != null) record.tenantId = tenant;
                }
                case "properties" -> {
                    record.hasProperties = true;
                    if (value == JsonToken.START_OBJECT) {
                        columns.readObject(parser, record);
                    } else {
                        record.propertiesNotObject = true;
                        parser.skipChildren();
                    }
                }
                default -> columns.read(parser, name, value, record);
            }
        }
        record.end = currentOffset(parser);
        return record;
    }

    private void readRecordsArray(JsonParser parser, byte[] message, String origin, List<SourceItem> items,
            long latest) throws IOException {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int place = index++;
            if (token == JsonToken.START_OBJECT) {
                RecordFields record = readRecord(parser, message, origin, null, latest);
                items.add(classifier.classify(record, message, origin, place, latest));
            } else {
                int start = tokenStart(parser);
                parser.skipChildren();
                int end = currentOffset(parser);
                items.add(SourceItem.deadLetter(
                        DeadLetter.of("record is not a JSON object", EmailEvent.originOf(origin, place), message,
                                start, end)));
            }
        }
    }

    /*
     * Jackson allocates a JsonLocation on every location call. Inside methods this small, escape
     * analysis removes it even when the caller has used up its inlining budget; read inline in
     * readRecord, it cost one JsonLocation per record (measured).
     */

    /** The byte offset where the current token starts. */
    private static int tokenStart(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    /** The byte offset just past the current token. */
    private static int currentOffset(JsonParser parser) {
        return (int) parser.currentLocation().getByteOffset();
    }
}
