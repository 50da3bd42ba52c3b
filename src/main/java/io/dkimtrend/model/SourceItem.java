package io.dkimtrend.model;

/**
 * What a source emits for each parsed message: an email row to count, a dead letter, or a number
 * of records of other tables that were skipped. Exactly one of the three is set.
 *
 * <p>Parsing happens inside the sources so that event time, and with it the watermark, is known
 * per Kafka partition or file split: one partition replaying old data then never makes another
 * partition's events late.
 */
public class SourceItem {

    public EmailEvent email;
    public DeadLetter deadLetter;
    /** Records of other tables in one message, skipped by design. */
    public int skippedRecords;

    public SourceItem() {}

    public static SourceItem email(EmailEvent email) {
        SourceItem item = new SourceItem();
        item.email = email;
        return item;
    }

    public static SourceItem deadLetter(DeadLetter deadLetter) {
        SourceItem item = new SourceItem();
        item.deadLetter = deadLetter;
        return item;
    }

    public static SourceItem skipped(int records) {
        SourceItem item = new SourceItem();
        item.skippedRecords = records;
        return item;
    }

    /** The event time to assign; items without one never move the watermark. */
    public long eventTime() {
        return email != null ? email.eventTime : Long.MIN_VALUE;
    }
}
