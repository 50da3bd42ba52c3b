package io.dkimtrend.parse;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import io.dkimtrend.model.SourceItem;

/**
 * Decides what one complete record is: an email, a record of another table (skipped) or a dead
 * letter of its own, so that the other records of its envelope still count. A record without a
 * category counts as EmailEvents: a flat row, as Advanced Hunting exports it, has none.
 */
final class RecordClassifier {

    private final EventTimeBounds eventTimes;

    RecordClassifier(EventTimeBounds eventTimes) {
        this.eventTimes = eventTimes;
    }

    /**
     * {@code place} is the record's index in its envelope's array, or {@link EmailEvent#WHOLE_MESSAGE};
     * {@code latest} is the message's {@link EventTimeBounds#latestAcceptedNow()}.
     */
    SourceItem classify(RecordFields record, byte[] message, String origin, int place, long latest) {
        if (record.category != null && !record.category.equalsIgnoreCase(MessageParser.EMAIL_EVENTS)) {
            return SourceItem.skipped(1);
        }
        String reason = null;
        long eventTime = EventTimes.INVALID;
        if (record.overReadLimit != null) {
            reason = record.overReadLimit;
        } else if (record.propertiesNotObject) {
            reason = "properties is not a JSON object";
        } else if (!record.hasProperties && !record.hasEmailColumns) {
            reason = "not an EmailEvents message: no records, properties or EmailEvents columns";
        } else if (record.timestampNotText != null) {
            // Never converted: a number here costs no more than a number in a column nobody reads.
            reason = "Timestamp is not a string: " + record.timestampNotText;
        } else if (!record.hasTimestamp || record.timestamp == null) {
            reason = "record without Timestamp";
        } else if ((eventTime = EventTimes.parseMillis(record.timestamp)) == EventTimes.INVALID) {
            reason = "unparseable Timestamp: " + abbreviate(record.timestamp);
        } else if (!EventTimeBounds.inCalendarRange(eventTime)) {
            reason = "Timestamp out of range (2000 to 2099): " + abbreviate(record.timestamp);
        } else if (eventTime > latest) {
            reason = "Timestamp " + abbreviate(record.timestamp) + " lies more than " + eventTimes.maxFutureSkewText() + " in the future";
        }
        if (reason != null) {
            return SourceItem.deadLetter(DeadLetter.of(reason, EmailEvent.originOf(origin, place), message, record.start, record.end));
        }
        EmailEvent email = record.email;
        email.eventTime = eventTime;
        email.tenantId = record.tenantId;
        email.senderDomain = SenderDomains.of(record.senderFromDomain, record.senderFromAddress);
        email.origin = origin;
        email.recordIndex = place;
        email.spread = 31 * origin.hashCode() + place;
        email.message = message;
        email.recordStart = record.start;
        email.recordEnd = record.end;
        EmailIdentity.assign(email, record.networkMessageId, record.recipient);
        return SourceItem.email(email);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? '"' + text + '"' : '"' + text.substring(0, 64) + "...\"";
    }
}
