package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The reference for the accounting: how many records a message holds, worked out on its own, the
 * plain way: a readable message with a top-level {@code records} array holds its elements, any other
 * readable message one record; a message that cannot be read is one record, which must come back as
 * one dead letter for the whole message.
 */
public record RecordCount(long records, boolean readable) {

    public static RecordCount of(byte[] message, int maxMessageBytes) {
        if (message == null || message.length > maxMessageBytes || MessageLimits.looksLikeUtf16Or32(message)
                || !isUtf8(message)) {
            return unreadable();
        }
        // The message's own limits (nesting, names); numbers and strings are bounded by its size.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(MessageLimits.constraints(maxMessageBytes)).build();
        try (JsonParser parser = factory.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return unreadable();
            }
            long elements = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean records = parser.currentName().equals("records");
                if (parser.nextToken() == JsonToken.START_ARRAY && records) {
                    if (elements >= 0) return unreadable(); // two records arrays: which one would count?
                    elements = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        elements++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return unreadable();
            }
            return new RecordCount(elements >= 0 ? elements : 1, true);
        } catch (IOException | RuntimeException e) {
            return unreadable();
        }
    }

    /** The JDK's own decoder as the judge of well-formed UTF-8. */
    static boolean isUtf8(byte[] message) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static RecordCount unreadable() {
        return new RecordCount(1, false);
    }
}
