package io.dkimtrend.model;

import java.nio.charset.StandardCharsets;

/** A message or record the job could not count, with why, where it came from and its text. */
public class DeadLetter {

    /** Longest payload kept, in UTF-8 bytes; the original size is kept beside it. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public String reason;
    public String origin;
    /** The original text, cut to {@link #MAX_PAYLOAD_BYTES}. */
    public String payload;
    /** Size of the original text in bytes, also when {@link #payload} holds only its beginning. */
    public long payloadBytes;
    public boolean truncated;

    public DeadLetter() {}

    public static DeadLetter of(String reason, String origin, byte[] bytes, int from, int to) {
        return new DeadLetter().fill(reason, origin, bytes, from, to);
    }

    /** Sets the fields, keeping at most {@link #MAX_PAYLOAD_BYTES} of the text. */
    protected <T extends DeadLetter> T fill(String reason, String origin, byte[] bytes, int from, int to) {
        this.reason = reason;
        this.origin = origin;
        int length = bytes == null ? 0 : Math.max(0, to - from);
        payloadBytes = length;
        truncated = length > MAX_PAYLOAD_BYTES;
        // A cut may split a multi-byte character; the decoder then substitutes U+FFFD for it.
        payload = length == 0 ? "" : new String(bytes, from, Math.min(length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    /** A message above the size limit; only its first bytes were read. */
    public static DeadLetter oversized(String origin, byte[] head, long length, int limit) {
        DeadLetter letter = of("message of " + length + " bytes exceeds the limit of " + limit + " bytes",
                origin, head, 0, (int) Math.min(length, Math.min(head.length, MAX_PAYLOAD_BYTES)));
        letter.payloadBytes = length;
        letter.truncated = true;
        return letter;
    }

    public static DeadLetter of(String reason, String origin, byte[] bytes) {
        return of(reason, origin, bytes, 0, bytes == null ? 0 : bytes.length);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " at " + origin + "}";
    }
}
