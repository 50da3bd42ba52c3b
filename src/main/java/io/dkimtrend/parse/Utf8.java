package io.dkimtrend.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629): no stray continuation bytes, no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF.
 *
 * <p>Jackson validates UTF-8 only in the strings it decodes; a column it skips may hold any bytes.
 * The job decides on the whole message instead, so that Latin-1 or binary text is a dead letter
 * wherever it sits, and the text kept for late events and dead letters is the text that came in.
 * The JDK offers no check without decoding into a new buffer; this one makes a single pass over
 * the bytes, which for ASCII is a tight loop.
 */
final class Utf8 {

    /** Reads eight bytes at once: the ASCII run of a message is checked a word at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /** The offset of the first byte that is not part of a well-formed sequence, or -1 if there is none. */
    static int firstMalformed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return i; // a continuation byte without a lead, C0/C1 (always overlong) or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int codePoint = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
