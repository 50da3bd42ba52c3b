package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the EmailEvents columns the job uses into {@link RecordFields}; Jackson skips every other
 * column without building it, which is where the job's time goes.
 */
final class EmailEventsColumns {

    /** Reads AuthenticationDetails' JSON-encoded string under the same limits as the message. */
    private final JsonFactory factory;

    EmailEventsColumns(JsonFactory factory) {
        this.factory = factory;
    }

    /** Reads the columns of the {@code properties} object the parser stands at, consuming it. */
    void readObject(JsonParser parser, RecordFields record) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            read(parser, name, parser.nextToken(), record);
        }
    }

    /** Reads the column {@code name} whose value the parser stands at, consuming the value. */
    void read(JsonParser parser, String name, JsonToken value, RecordFields record) throws IOException {
        switch (name) {
            case "Timestamp" -> {
                record.hasEmailColumns = true;
                record.hasTimestamp = true;
                record.timestampNotText = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL
                        ? null : kindOf(parser, value);
                record.timestamp = textOrNull(parser, value, record, name);
            }
            case "AuthenticationDetails" -> {
                record.hasEmailColumns = true;
                if (value == JsonToken.VALUE_STRING) {
                    AuthenticationDetails.classifyEncoded(textOrNull(parser, value, record, name), factory, record.email);
                } else if (value == JsonToken.START_OBJECT) {
                    AuthenticationDetails.classifyObject(parser, record.email);
                } else {
                    parser.skipChildren();
                }
            }
            case "NetworkMessageId" -> {
                record.hasEmailColumns = true;
                record.networkMessageId = textOrNull(parser, value, record, name);
            }
            case "RecipientEmailAddress" -> {
                record.hasEmailColumns = true;
                record.recipient = textOrNull(parser, value, record, name);
            }
            case "SenderFromDomain" -> record.senderFromDomain = textOrNull(parser, value, record, name);
            case "SenderFromAddress" -> record.senderFromAddress = textOrNull(parser, value, record, name);
            case "TenantId" -> {
                // The record's own tenantId, read before or after its properties, comes first.
                String tenant = textOrNull(parser, value, record, name);
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
            // Finishes the token into Jackson's buffer without making a String of it.
            int length = parser.getTextLength();
            if (length <= MessageLimits.MAX_READ_CHARS) {
                return parser.getText();
            }
            if (record.overReadLimit == null) {
                record.overReadLimit = "over a read limit: " + column + " of " + length
                        + " characters exceeds the maximum of " + MessageLimits.MAX_READ_CHARS;
            }
            return null;
        }
        parser.skipChildren();
        return null;
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
