package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.SourceItem;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one message (a Kafka record value or one line of an archive) into email rows, dead letters
 * and a count of skipped records of other tables.
 *
 * <p>Three shapes are accepted: the Event Hubs envelope {@code {"records":[...]}}, a bare record
 * {@code {"category":...,"properties":{...}}}, and a flat EmailEvents row with the columns at top
 * level. Only {@code Timestamp}, {@code AuthenticationDetails}, {@code NetworkMessageId},
 * {@code RecipientEmailAddress}, {@code SenderFromDomain}, {@code SenderFromAddress}, {@code category}
 * and {@code tenantId} are read; Jackson's streaming
 * parser skips everything else without building it, which is where the job's time goes.
 *
 * <p>A message that is not valid JSON is dead-lettered whole and yields nothing else, so replaying
 * a dead letter after a fix can never count a record twice. A record without a usable Timestamp is
 * dead-lettered alone; the other records of its envelope still count. So is a record whose Timestamp
 * lies further ahead of the wall clock than the allowed skew: parsed inside the sources, it would
 * otherwise move its partition's watermark ahead and make every later real email late.
 *
 * <p>Instances are not thread-safe; each parallel source reader owns one.
 */
public final class MessageParser {

    public static final String EMAIL_EVENTS = "AdvancedHunting-EmailEvents";

    /** Default limit on one message; Event Hubs messages stay below 1 MB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Default allowance for a Timestamp ahead of the wall clock: clocks and time zones set wrong. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    private final JsonFactory factory = MessageLimits.jsonFactory();
    private final EmailEventsColumns columns = new EmailEventsColumns(factory);
    private final MessageLimits limits;
    private final EventTimeBounds eventTimes;
    private final RecordClassifier classifier;

    public MessageParser() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public MessageParser(int maxMessageBytes) {
        this(maxMessageBytes, DEFAULT_MAX_FUTURE_SKEW);
    }

    public MessageParser(int maxMessageBytes, Duration maxFutureSkew) {
        this(maxMessageBytes, maxFutureSkew, Clock.systemUTC());
    }

    /** A parser that reads the wall clock from {@code clock}, once per message. */
    public MessageParser(int maxMessageBytes, Duration maxFutureSkew, Clock clock) {
        this.eventTimes = new EventTimeBounds(maxFutureSkew, clock);
        this.classifier = new RecordClassifier(eventTimes);
        this.limits = new MessageLimits(maxMessageBytes);
    }

    /** Parses {@code message}; everything it holds goes to {@code out}, once the whole message parsed. */
    public void parse(byte[] message, String origin, Consumer<SourceItem> out) {
        DeadLetter refused = limits.refusal(message, origin);
        if (refused != null) {
            out.accept(SourceItem.deadLetter(refused));
            return;
        }
        List<SourceItem> items = new ArrayList<>();
        long latest = eventTimes.latestAcceptedNow();
        try (JsonParser parser = factory.createParser(message)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                out.accept(SourceItem.deadLetter(DeadLetter.of(
                        first == null ? "empty message" : "not a JSON object", origin, message)));
                return;
            }
            RecordFields top = readRecord(parser, message, origin, items, latest);
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON object");
            }
            if (!top.hasRecordsArray) {
                items.add(classifier.classify(top, message, origin, latest));
            }
        } catch (StreamConstraintsException overLimit) {
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("over a read limit: " + firstLine(overLimit.getMessage()), origin, message)));
            return;
        } catch (IOException notJson) {
            // The whole message is one dead letter; nothing parsed from it counts.
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("not valid JSON: " + firstLine(notJson.getMessage()), origin, message)));
            return;
        } catch (RuntimeException unexpected) {
            // Input must never stop the job: whatever a message provokes, it becomes a dead letter.
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("parser error: " + unexpected, origin, message)));
            return;
        }
        int skipped = 0;
        for (SourceItem item : items) {
            if (item.skippedRecords > 0) {
                skipped += item.skippedRecords;
            } else {
                out.accept(item);
            }
        }
        if (skipped > 0) {
            out.accept(SourceItem.skipped(skipped));
        }
    }

    /**
     * Reads the object the parser stands at. A top-level {@code records} array is parsed in place,
     * its elements going to {@code items}.
     */
    private RecordFields readRecord(JsonParser parser, byte[] message, String origin, List<SourceItem> items,
            long latest) throws IOException {
        RecordFields record = new RecordFields();
        record.start = (int) parser.currentTokenLocation().getByteOffset();
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
                case "category" -> record.category = EmailEventsColumns.textOrNull(parser, value);
                case "tenantId", "TenantId" -> {
                    String tenant = EmailEventsColumns.textOrNull(parser, value);
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
        record.end = (int) parser.currentLocation().getByteOffset();
        return record;
    }

    private void readRecordsArray(JsonParser parser, byte[] message, String origin, List<SourceItem> items,
            long latest) throws IOException {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String recordOrigin = origin + " record " + index++;
            if (token == JsonToken.START_OBJECT) {
                items.add(classifier.classify(readRecord(parser, message, recordOrigin, null, latest), message, recordOrigin, latest));
            } else {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                items.add(SourceItem.deadLetter(
                        DeadLetter.of("record is not a JSON object", recordOrigin, message, start, end)));
            }
        }
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
