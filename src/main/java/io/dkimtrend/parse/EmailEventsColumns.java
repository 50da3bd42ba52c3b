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
                record.timestamp = textOrNull(parser, value);
            }
            case "AuthenticationDetails" -> {
                record.hasEmailColumns = true;
                if (value == JsonToken.VALUE_STRING) {
                    AuthenticationDetails.classifyEncoded(parser.getText(), factory, record.email);
                } else if (value == JsonToken.START_OBJECT) {
                    AuthenticationDetails.classifyObject(parser, record.email);
                } else {
                    parser.skipChildren();
                }
            }
            case "NetworkMessageId" -> {
                record.hasEmailColumns = true;
                record.networkMessageId = textOrNull(parser, value);
            }
            case "RecipientEmailAddress" -> {
                record.hasEmailColumns = true;
                record.recipient = textOrNull(parser, value);
            }
            case "SenderFromDomain" -> record.senderFromDomain = textOrNull(parser, value);
            case "SenderFromAddress" -> record.senderFromAddress = textOrNull(parser, value);
            case "TenantId" -> {
                // The record's own tenantId, read before or after its properties, comes first.
                String tenant = textOrNull(parser, value);
                if (tenant != null && record.tenantId == null) record.tenantId = tenant;
            }
            default -> parser.skipChildren();
        }
    }

    /** The string the parser stands at, or null for any other value, which it skips. */
    static String textOrNull(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
