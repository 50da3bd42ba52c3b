package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dkimtrend.model.DeadLetter;

/**
 * What a message must be before the JSON reader sees it, the limits the reader enforces while it
 * reads, and the limit on each value the job reads. Whatever breaks a message limit makes the whole
 * message one dead letter, never an error; a value the job reads that breaks {@link #MAX_READ_CHARS}
 * makes its record one.
 */
final class MessageLimits {

    /**
     * The longest string a column the job reads may hold (Timestamp, AuthenticationDetails,
     * NetworkMessageId, RecipientEmailAddress, SenderFromDomain, SenderFromAddress, category,
     * TenantId): far above any real value (addresses and domains are limited to a few hundred
     * characters, the other columns are shorter), and it keeps a hostile value from becoming a
     * series' tenant or domain. Checked on the length before the value is built into a String; a
     * longer one makes its record a dead letter.
     */
    static final int MAX_READ_CHARS = 64 * 1024;

    /** Defender records nest five levels at most; Jackson's default is 500. */
    static final int MAX_NESTING_DEPTH = 64;

    /** Jackson's default is 50,000 characters. Names are built and interned even in skipped values. */
    static final int MAX_NAME_LENGTH = 64 * 1024;

    private final int maxMessageBytes;
    private final StreamReadConstraints constraints;

    MessageLimits(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.constraints = constraints(maxMessageBytes);
    }

    /**
     * The reader's limits for messages of at most {@code maxMessageBytes}. Jackson checks a
     * number's length as it reads the number, even one it then skips, and checks its digits against
     * the string limit too; it checks a string's length only when the string is built. The job
     * skips every number and converts none, so numbers and strings are bounded by the message size
     * alone (no value of a message that fits can break these two), and values the job reads by
     * {@link #MAX_READ_CHARS}. Nesting and names stay limited: the nesting limit also keeps
     * Jackson's skipping iterative work shallow.
     */
    static StreamReadConstraints constraints(int maxMessageBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(maxMessageBytes)
                .maxStringLength(maxMessageBytes)
                .maxNameLength(MAX_NAME_LENGTH)
                .build();
    }

    /** A JSON reader that breaks off, with a StreamConstraintsException, at {@link #constraints(int)}. */
    JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(constraints).build();
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
