package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dkimtrend.model.DeadLetter;

/**
 * What a message must be before the JSON reader sees it, and the limits the reader enforces while
 * it reads. Whatever breaks a limit makes the whole message one dead letter, never an error.
 */
final class MessageLimits {

    /**
     * Limits chosen for this input rather than left at Jackson's defaults (nesting 500, numbers of
     * 1,000 digits, strings of 20 million characters, names of 50,000). Defender records nest five
     * levels at most; no column holds a number longer than a 64-bit integer or a float in full
     * precision; no string or name is near the message limit. The nesting limit also keeps
     * Jackson's skipping iterative work shallow.
     */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxNumberLength(64)
            .maxStringLength(16 * 1024 * 1024)
            .maxNameLength(64 * 1024)
            .build();

    private final int maxMessageBytes;

    MessageLimits(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A JSON reader that breaks off, with a StreamConstraintsException, at {@link #CONSTRAINTS}. */
    static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    /** The dead letter for a message that must not be read as JSON, or null if it may be. */
    DeadLetter refusal(byte[] message, String origin) {
        if (message == null) {
            return DeadLetter.of("no message: null value (a Kafka tombstone)", origin, new byte[0]);
        }
        if (message.length > maxMessageBytes) {
            return DeadLetter.oversized(origin, message, message.length, maxMessageBytes);
        }
        if (looksLikeUtf16Or32(message)) {
            // Jackson would detect and read these encodings; the stream is UTF-8 by contract, and the
            // dead-letter and late-event texts are decoded as UTF-8.
            return DeadLetter.of("not UTF-8: UTF-16 or UTF-32 text", origin, message);
        }
        int malformed = Utf8.firstMalformed(message);
        if (malformed >= 0) {
            return DeadLetter.of("not UTF-8: malformed byte sequence at offset " + malformed, origin, message);
        }
        return null;
    }

    /**
     * JSON text in UTF-16 or UTF-32 starts with a byte order mark or has a zero byte among its first
     * four bytes; UTF-8 JSON never has a raw zero byte.
     */
    static boolean looksLikeUtf16Or32(byte[] message) {
        if (message.length >= 2 && ((message[0] == (byte) 0xFE && message[1] == (byte) 0xFF)
                || (message[0] == (byte) 0xFF && message[1] == (byte) 0xFE))) {
            return true;
        }
        for (int i = 0; i < Math.min(4, message.length); i++) {
            if (message[i] == 0) return true;
        }
        return false;
    }
}
