package io.dkimtrend.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * An email that arrived after its day had closed and the allowed lateness had passed: not counted,
 * but kept with the day it belonged to, its event time and its original text.
 */
@JsonPropertyOrder({"day", "timestamp", "reason", "origin", "payload", "payloadBytes", "truncated"})
public class LateEvent extends DeadLetter {

    /** The calendar day the email belonged to. */
    public String day;
    /** The email's Timestamp, UTC ISO-8601. */
    public String timestamp;

    public LateEvent() {}

    public static LateEvent of(EmailEvent email, String day, long watermark) {
        LateEvent late = new LateEvent().fill(
                "late event: day " + day + " closed and its allowed lateness passed (watermark "
                        + Instant.ofEpochMilli(watermark) + ")",
                email.origin(), email.message, email.recordStart, email.recordEnd);
        late.day = day;
        late.timestamp = Instant.ofEpochMilli(email.eventTime).toString();
        return late;
    }
}
