package io.dkimtrend.window;

import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Test emails, written as briefly as the tables that use them. */
public final class Emails {

    /** The names of the identities handed out, by hash. */
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private Emails() {}

    public static EmailEvent email(String timestamp, DkimVerdict dkim, String identity) {
        EmailEvent email = new EmailEvent();
        email.eventTime = Instant.parse(timestamp).toEpochMilli();
        email.dkim = dkim;
        if (identity != null) {
            EmailIdentity.assign(email, identity, "recipient@example.com");
            NAMES.put(email.identityHigh + ":" + email.identityLow, identity);
        }
        email.origin = "test " + identity + " " + timestamp;
        email.spread = email.origin.hashCode();
        return email;
    }

    /** An email of a sender domain and a tenant (either may be null). */
    public static EmailEvent email(String timestamp, DkimVerdict dkim, String identity, String senderDomain,
            String tenantId) {
        EmailEvent email = email(timestamp, dkim, identity);
        email.senderDomain = senderDomain;
        email.tenantId = tenantId;
        return email;
    }

    public static StreamRecord<EmailEvent> record(String timestamp, DkimVerdict dkim, String identity,
            String senderDomain, String tenantId) {
        EmailEvent email = email(timestamp, dkim, identity, senderDomain, tenantId);
        return new StreamRecord<>(email, email.eventTime);
    }

    public static StreamRecord<EmailEvent> record(String timestamp, DkimVerdict dkim, String identity) {
        EmailEvent email = email(timestamp, dkim, identity);
        return new StreamRecord<>(email, email.eventTime);
    }

    /** The identity an email of {@link #email} was given (its hash kept, its origin not, through a copy). */
    public static String identityOf(EmailEvent email) {
        return email.hasIdentity() ? NAMES.get(email.identityHigh + ":" + email.identityLow) : "null";
    }

    public static long millis(String timestamp) {
        return Instant.parse(timestamp).toEpochMilli();
    }
}
