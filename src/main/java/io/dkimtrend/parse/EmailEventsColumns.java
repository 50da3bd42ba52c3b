package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * Reads the EmailEvents columns the job uses into {@link RecordFields}; Jackson skips every other
 * column without building it, which is where the job's time goes.
 */
final class EmailEventsColumns {

    private static final int UNREAD = 0;
    private static final int TIMESTAMP = 1;
    private static final int AUTHENTICATION_DETAILS = 2;
    private static final int NETWORK_MESSAGE_ID = 3;
    private static final int RECIPIENT = 4;
    private static final int SENDER_FROM_DOMAIN = 5;
    private static final int SENDER_FROM_ADDRESS = 6;
    private static final int TENANT_ID = 7;

    /** More columns than EmailEvents has (about 40); the rest of a longer row is read, not learned. */
    private static final int MAX_LEARNED = 128;

    /** Reads AuthenticationDetails' JSON-encoded string under the same limits as the message. */
    private final JsonFactory factory;

    /** The column names of the last row, in its order, and what each one is. */
    private final SerializedString[] learnedNames = new SerializedString[MAX_LEARNED];
    private final int[] learnedColumns = new int[MAX_LEARNED];
    private int learnedCount;

    EmailEventsColumns(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * Reads the columns of the {@code properties} object the parser stands at, consuming it.
     *
     * <p>Defender writes the columns of every row in the same order. Each name is first offered to
     * Jackson as the one expected at its place ({@link JsonParser#nextFieldName(SerializableString)}),
     * which compares the bytes instead of hashing the name into Jackson's symbol table; matching
     * names were a sixth of the parse (measured). A name out of the learned order is read the
     * ordinary way and the order relearned from there.
     */
    void readObject(JsonParser parser, RecordFields record) throws IOException {
        int place = 0;
        while (true) {
            int column;
            if (place < learnedCount && parser.nextFieldName(learnedNames[place])) {
                column = learnedColumns[place];
            } else if (place < learnedCount ? parser.currentToken() == JsonToken.FIELD_NAME
                    : parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                column = columnOf(name);
                learn(place, name, column);
            } else {
                return;
            }
            place++;
            read(parser, column, parser.nextToken(), record);
        }
    }

    private void learn(int place, String name, int column) {
        if (place >= learnedNames.length) {
            return; // an odd row with more columns than any real one: read, not learned
        }
        learnedNames[place] = new SerializedString(name);
        learnedColumns[place] = column;
        learnedCount = place + 1;
    }

    /** Reads the column {@code name} whose value the parser stands at, consuming the value. */
    void read(JsonParser parser, String name, JsonToken value, RecordFields record) throws IOException {
        read(parser, columnOf(name), value, record);
    }

    private static int columnOf(String name) {
        return switch (name) {
            case "Timestamp" -> TIMESTAMP;
            case "AuthenticationDetails" -> AUTHENTICATION_DETAILS;
            case "NetworkMessageId" -> NETWORK_MESSAGE_ID;
            case "RecipientEmailAddress" -> RECIPIENT;
            case "SenderFromDomain" -> SENDER_FROM_DOMAIN;
            case "SenderFromAddress" -> SENDER_FROM_ADDRESS;
            case "TenantId" -> TENANT_ID;
            default -> UNREAD;
        };
    }

    private void read(JsonParser parser, int column, JsonToken value, RecordFields record) throws IOException {
        switch (column) {
            case TIMESTAMP -> {
                record.hasEmailColumns = true;
                record.hasTimestamp = true;
                record.timestampNotText = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL
                        ? null : kindOf(parser, value);
                record.timestamp = textOrNull(parser, value, record, "Timestamp");
            }
            case AUTHENTICATION_DETAILS -> {
                record.hasEmailColumns = true;
                if (value == JsonToken.VALUE_STRING) {
                    if (withinReadLimit(parser, record, "AuthenticationDetails")) {
                        AuthenticationDetails.classifyEncoded(parser.getTextCharacters(), parser.getTextOffset(),
                                parser.getTextLength(), factory, record.email);
                    }
                } else if (value == JsonToken.START_OBJECT) {
                    AuthenticationDetails.classifyObject(parser, record.email);
                } else {
                    parser.skipChildren();
                }
            }
            case NETWORK_MESSAGE_ID -> {
                record.hasEmailColumns = true;
                record.networkMessageId = textOrNull(parser, value, record, "NetworkMessageId");
            }
            case RECIPIENT -> {
                record.hasEmailColumns = true;
                record.recipient = textOrNull(parser, value, record, "RecipientEmailAddress");
            }
            case SENDER_FROM_DOMAIN -> record.senderFromDomain = textOrNull(parser, value, record, "SenderFromDomain");
            case SENDER_FROM_ADDRESS -> record.senderFromAddress = textOrNull(parser, value, record, "SenderFromAddress");
            case TENANT_ID -> {
                // The record's own tenantId, read before or after its properties, comes first.
                String tenant = textOrNull(parser, value, record, "TenantId");
                if (tenant != null && record.tenantId == null) record.tenantId = tenant;
            }
            default -> parser.skipChildren();
        }
    }

    /**
     * The string the parser stands at, or null for any other value, which it skips. A string longer
     * than {@link MessageLimits#MAX_READ_CHARS} is never built: it marks the record over the limit
     * (its first such column names the reason) and reads as null.
     */
    static String textOrNull(JsonParser parser, JsonToken value, RecordFields record, String column) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return withinReadLimit(parser, record, column) ? parser.getText() : null;
        }
        parser.skipChildren();
        return null;
    }

    /** Whether the string the parser stands at is within the read limit; if not, the record is marked. */
    private static boolean withinReadLimit(JsonParser parser, RecordFields record, String column) throws IOException {
        // Finishes the token into Jackson's buffer without making a String of it.
        int length = parser.getTextLength();
        if (length <= MessageLimits.MAX_READ_CHARS) {
            return true;
        }
        if (record.overReadLimit == null) {
            record.overReadLimit = "over a read limit: " + column + " of " + length
                    + " characters exceeds the maximum of " + MessageLimits.MAX_READ_CHARS;
        }
        return false;
    }

    /** What a value that is neither a string nor null is, for a reason: {@code a number of 70 characters}. */
    private static String kindOf(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number of " + parser.getTextLength() + " characters";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> value.asString() == null ? value.name() : value.asString();
        };
    }
}
