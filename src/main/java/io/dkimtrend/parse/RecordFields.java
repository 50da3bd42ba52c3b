package io.dkimtrend.parse;

import io.dkimtrend.model.EmailEvent;

/**
 * What one record (envelope element, bare record or flat row) holds of use to the job, as read;
 * {@link RecordClassifier} then decides what the record is.
 */
final class RecordFields {
    String category;
    String tenantId;
    boolean hasProperties;
    boolean hasRecordsArray;
    boolean propertiesNotObject;
    boolean hasEmailColumns;
    String timestamp;
    boolean hasTimestamp;
    /** What the Timestamp was when neither a string nor null ({@code a number of 13 characters}). */
    String timestampNotText;
    /** The reason, naming its column, when a value the job reads is longer than it reads. */
    String overReadLimit;
    String networkMessageId;
    String recipient;
    String senderFromDomain;
    String senderFromAddress;
    /** Takes the verdicts as AuthenticationDetails is read, and goes on as the email itself: no copy. */
    final EmailEvent email = new EmailEvent();
    /** The record's bytes in the message: the text of its dead letter or late event. */
    int start;
    int end;
}
