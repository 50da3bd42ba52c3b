package io.dkimtrend.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One EmailEvents row, reduced to what the daily series needs. Every email crosses the dedup
 * shuffle, so it travels in a compact form of its own ({@link EmailEventSerializer}).
 */
@TypeInfo(EmailEventTypeInfo.Factory.class)
public class EmailEvent {

    /** Event time: the row's {@code Timestamp}, epoch milliseconds. */
    public long eventTime;

    public DkimVerdict dkim = DkimVerdict.NONE;
    public boolean spfFail;
    public boolean dmarcFail;
    public boolean compAuthFail;

    /**
     * NetworkMessageId and recipient as a 128-bit hash ({@code EmailIdentity}); both zero when either
     * is missing, and such a row is never deduplicated.
     */
    public long identityHigh;
    public long identityLow;

    /** The tenant the row came from, or null. */
    public String tenantId;

    /** Sender domain (visible From), lower-cased without trailing dot, or null ({@code SenderDomains}). */
    public String senderDomain;

    /** Spreads rows without an identity over the dedup subtasks: a hash of the origin and the record's place. */
    public int spread;

    /**
     * Where the row came from (topic/partition/offset or file:line, with the record index), the
     * message it was read from and its place in it, for the late-events output. Only the operators
     * chained to the source see them: transient fields are never serialized, so neither the text
     * nor the origin travels through the shuffles (where they cost most of a row's bytes).
     */
    public transient String origin;

    /** The place of a record that is its whole message, not an element of an envelope's array. */
    public static final int WHOLE_MESSAGE = -1;

    /** The record's place in its envelope, or {@link #WHOLE_MESSAGE} ({@link #origin()}). */
    public transient int recordIndex = WHOLE_MESSAGE;
    public transient byte[] message;
    public transient int recordStart;
    public transient int recordEnd;

    public EmailEvent() {}

    /**
     * Where the row came from, naming its record in an envelope: built only for the rare row that
     * needs it (a late event), not for every row the source reads.
     */
    public String origin() {
        return originOf(origin, recordIndex);
    }

    /** The origin of the record at {@code place} of the message from {@code origin}. */
    public static String originOf(String origin, int place) {
        return place == WHOLE_MESSAGE || origin == null ? origin : origin + " record " + place;
    }

    public boolean hasIdentity() {
        return identityHigh != 0 || identityLow != 0;
    }

    public boolean dkimFailed() {
        return dkim == DkimVerdict.FAIL;
    }

    @Override
    public String toString() {
        return "EmailEvent{" + eventTime + ", " + dkim + ", " + origin() + "}";
    }
}
