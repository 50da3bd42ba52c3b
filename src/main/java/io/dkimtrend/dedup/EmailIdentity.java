package io.dkimtrend.dedup;

import io.dkimtrend.model.EmailEvent;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * What makes two rows the same email: NetworkMessageId and recipient, compared without letter case,
 * held as a 128-bit MurmurHash3 of the two. Sixteen bytes instead of a string of 60 to 120 keep the
 * dedup state, the shuffle and a bounded replay's sort small; at 128 bits, two different emails
 * share a key with a probability of about 10^-24 among 20 million keys.
 */
public final class EmailIdentity {

    /**
     * The dedup key: the identity, or a hash of the row's origin when it has none, which only
     * spreads such rows over the subtasks (they keep no state).
     */
    public static final KeySelector<EmailEvent, Tuple2<Long, Long>> KEY =
            email -> email.hasIdentity()
                    ? Tuple2.of(email.identityHigh, email.identityLow)
                    : Tuple2.of(0L, (long) email.spread);

    /** A lambda hides the key's type parameters from Flink's type extraction. */
    public static final TypeInformation<Tuple2<Long, Long>> KEY_TYPE = Types.TUPLE(Types.LONG, Types.LONG);

    private EmailIdentity() {}

    /** Sets the email's identity; rows without either part keep none and are never deduplicated. */
    public static void assign(EmailEvent email, String networkMessageId, String recipient) {
        if (networkMessageId == null || networkMessageId.isEmpty() || recipient == null || recipient.isEmpty()) {
            email.identityHigh = 0;
            email.identityLow = 0;
            return;
        }
        long[] hash = hash(networkMessageId.toLowerCase(Locale.ROOT) + '|' + recipient.toLowerCase(Locale.ROOT));
        email.identityHigh = hash[0];
        email.identityLow = hash[1];
        if (!email.hasIdentity()) {
            email.identityLow = 1; // (0, 0) means "none"; one identity in 2^128 moves by one
        }
    }

    /** Whether the email has this identity (letter case aside). */
    public static boolean matches(EmailEvent email, String networkMessageId, String recipient) {
        EmailEvent other = new EmailEvent();
        assign(other, networkMessageId, recipient);
        return other.hasIdentity() && other.identityHigh == email.identityHigh && other.identityLow == email.identityLow;
    }

    private static long[] hash(String identity) {
        byte[] bytes = identity.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0);
    }
}
