package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.Json;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.SourceItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the parser made of one message, counted the way the job's metrics count it. */
record ParsedItems(List<SourceItem> items, long emails, long dkimFailures, long skipped, long deadLetters) {

    static final String ORIGIN = "events/0/7";

    static ParsedItems parse(MessageParser parser, byte[] message) {
        List<SourceItem> items = new ArrayList<>();
        parser.parse(message, ORIGIN, items::add);
        long emails = 0, failures = 0, skipped = 0, dead = 0;
        for (SourceItem item : items) {
            if (item.email != null) {
                emails++;
                if (item.email.dkimFailed()) failures++;
            } else if (item.deadLetter != null) {
                dead++;
            } else {
                skipped += item.skippedRecords;
            }
        }
        return new ParsedItems(items, emails, failures, skipped, dead);
    }

    long records() {
        return emails + skipped + deadLetters;
    }

    /**
     * The accounting holds against the reference count, and every item can go on through the job:
     * exactly one kind per item, dead letters with a reason that serialize, emails in the accepted
     * years whose text slice (for the late-events output) lies inside the message, origins unique.
     */
    void assertAccountedFor(byte[] message, RecordCount expected) {
        String shown = HostileMessages.describe(message);
        assertThat(records()).as("records of %s", shown).isEqualTo(expected.records());
        if (!expected.readable()) {
            assertThat(items).as("an unreadable message is one dead letter: %s", shown).singleElement()
                    .satisfies(item -> assertThat(item.deadLetter.origin).isEqualTo(ORIGIN));
        }
        Set<String> origins = new HashSet<>();
        for (SourceItem item : items) {
            int kinds = (item.email != null ? 1 : 0) + (item.deadLetter != null ? 1 : 0) + (item.skippedRecords > 0 ? 1 : 0);
            assertThat(kinds).as("one kind per item of %s", shown).isEqualTo(1);
            if (item.deadLetter != null) {
                assertDeadLetter(item.deadLetter, message);
                assertThat(origins.add(item.deadLetter.origin)).as("unique origin " + item.deadLetter.origin).isTrue();
            } else if (item.email != null) {
                assertEmail(item.email, message);
                assertThat(origins.add(item.email.origin())).as("unique origin " + item.email.origin()).isTrue();
            }
        }
    }

    private static void assertDeadLetter(DeadLetter letter, byte[] message) {
        assertThat(letter.reason).isNotBlank();
        assertThat(letter.payload.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES * 3); // U+FFFD may stand for one cut byte
        assertThat(letter.payloadBytes).isLessThanOrEqualTo(message == null ? 0 : message.length);
        assertThat(letter.truncated).isEqualTo(letter.payloadBytes > DeadLetter.MAX_PAYLOAD_BYTES);
        DeadLetter copy = Json.read(Json.toString(letter), DeadLetter.class);
        assertThat(copy.reason).isEqualTo(letter.reason);
        assertThat(copy.payload).isEqualTo(letter.payload);
        assertThat(Json.toBytes(letter)).isNotEmpty();
    }

    private static void assertEmail(EmailEvent email, byte[] message) {
        assertThat(email.eventTime).isBetween(EventTimeBounds.EARLIEST_EVENT_TIME, EventTimeBounds.LATEST_EVENT_TIME - 1);
        assertThat(email.recordStart).isBetween(0, email.recordEnd);
        assertThat(email.recordEnd).isLessThanOrEqualTo(message.length);
        LateEvent late = LateEvent.of(email, "2026-10-03", 0L);
        assertThat(late.payloadBytes).isEqualTo(email.recordEnd - email.recordStart);
        assertThat(Json.toBytes(late)).isNotEmpty();
    }
}
