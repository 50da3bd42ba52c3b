package io.dkimtrend.window;

import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import java.time.Instant;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Test emails, written as briefly as the tables that use them. */
public final class Emails {

    private Emails() {}

    public static EmailEvent email(String timestamp, DkimVerdict dkim, String identity) {
        EmailEvent email = new EmailEvent();
        email.eventTime = Instant.parse(timestamp).toEpochMilli();
        email.dkim = dkim;
        email.identity = identity;
        email.origin = "test:" + timestamp + ":" + identity;
        return email;
    }

    public static StreamRecord<EmailEvent> record(String timestamp, DkimVerdict dkim, String identity) {
        EmailEvent email = email(timestamp, dkim, identity);
        return new StreamRecord<>(email, email.eventTime);
    }

    public static long millis(String timestamp) {
        return Instant.parse(timestamp).toEpochMilli();
    }
}
