package io.dkimtrend.model;

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
     * Identities are deduplicated in this many buckets (the top 16 bits of the hash): the bucket, not
     * the email, is the key, so that expiry needs a few timers per bucket rather than one per email.
     */
    public static final int BUCKETS = 1 << 16;

    /**
     * The dedup key: the identity's bucket, or a bucket picked by the row's origin when it has no
     * identity, which only spreads such rows over the subtasks (they keep no state).
     */
    public static final KeySelector<EmailEvent, Integer> BUCKET =
            email -> email.hasIdentity() ? bucketOf(email.identityHigh) : email.spread & (BUCKETS - 1);

    /** A lambda hides the key's type from Flink's type extraction. */
    public static final TypeInformation<Integer> BUCKET_TYPE = Types.INT;

    /** The identity as a key within its bucket. */
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

    /** The email's identity as a key within its bucket. */
    public static Tuple2<Long, Long> keyOf(EmailEvent email) {
        return Tuple2.of(email.identityHigh, email.identityLow);
    }

    static int bucketOf(long identityHigh) {
        return (int) (identityHigh >>> 48);
    }

    private static long[] hash(String identity) {
        byte[] bytes = identity.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0);
    }
}
