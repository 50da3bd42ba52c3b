package io.dkimtrend.parse;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.SourceItem;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one message (a Kafka record value or one line of an archive) into email rows, dead letters
 * and a count of skipped records of other tables.
 *
 * <p>Three shapes are accepted: the Event Hubs envelope {@code {"records":[...]}}, a bare record
 * {@code {"category":...,"properties":{...}}}, and a flat EmailEvents row with the columns at top
 * level ({@link EnvelopeReader}). Only {@code Timestamp}, {@code AuthenticationDetails},
 * {@code NetworkMessageId}, {@code RecipientEmailAddress}, {@code SenderFromDomain},
 * {@code SenderFromAddress}, {@code category} and {@code tenantId} are read; Jackson's streaming
 * parser skips everything else without building it, which is where the job's time goes.
 *
 * <p>A message that is not valid JSON, or breaks one of the {@link MessageLimits} on the message
 * (size, encoding, nesting, name length), is dead-lettered whole and yields nothing else, so
 * replaying a dead letter after a fix can never count a record twice. Values the job skips, numbers
 * and strings of any length, are bounded by the message size alone. A record without a usable
 * Timestamp is dead-lettered alone; the other records of its envelope still count. So is a record
 * whose Timestamp lies further ahead of the wall clock than the allowed skew
 * ({@link EventTimeBounds}), and one with a value the job reads longer than
 * {@link MessageLimits#MAX_READ_CHARS}; {@link RecordClassifier} gives each record's reason.
 *
 * <p>Instances are not thread-safe; each parallel source reader owns one.
 */
public final class MessageParser {

    public static final String EMAIL_EVENTS = "AdvancedHunting-EmailEvents";

    /** Default limit on one message; Event Hubs messages stay below 1 MB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Default allowance for a Timestamp ahead of the wall clock: clocks and time zones set wrong. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    private final MessageLimits limits;
    private final EventTimeBounds eventTimes;
    private final EnvelopeReader envelopes;

    public MessageParser() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    public MessageParser(int maxMessageBytes) {
        this(maxMessageBytes, DEFAULT_MAX_FUTURE_SKEW);
    }

    public MessageParser(int maxMessageBytes, Duration maxFutureSkew) {
        this(maxMessageBytes, maxFutureSkew, Clock.systemUTC());
    }

    /** A parser that reads the wall clock from {@code clock}, once per message. */
    public MessageParser(int maxMessageBytes, Duration maxFutureSkew, Clock clock) {
        this.eventTimes = new EventTimeBounds(maxFutureSkew, clock);
        this.limits = new MessageLimits(maxMessageBytes);
        this.envelopes = new EnvelopeReader(new RecordClassifier(eventTimes), limits.jsonFactory());
    }

    /** Parses {@code message}; everything it holds goes to {@code out}, once the whole message parsed. */
    public void parse(byte[] message, String origin, Consumer<SourceItem> out) {
        DeadLetter refused = limits.refusal(message, origin);
        if (refused != null) {
            out.accept(SourceItem.deadLetter(refused));
            return;
        }
        List<SourceItem> items = new ArrayList<>();
        long latest = eventTimes.latestAcceptedNow();
        try {
            envelopes.read(message, origin, latest, items);
        } catch (StreamConstraintsException overLimit) {
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("over a read limit: " + firstLine(overLimit.getMessage()), origin, message)));
            return;
        } catch (IOException notJson) {
            // The whole message is one dead letter; nothing parsed from it counts.
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("not valid JSON: " + firstLine(notJson.getMessage()), origin, message)));
            return;
        } catch (RuntimeException unexpected) {
            // Input must never stop the job: whatever a message provokes, it becomes a dead letter.
            out.accept(SourceItem.deadLetter(
                    DeadLetter.of("parser error: " + unexpected, origin, message)));
            return;
        }
        emit(items, out);
    }

    /** Emails and dead letters go out one by one, the skipped records of other tables as one count. */
    private static void emit(List<SourceItem> items, Consumer<SourceItem> out) {
        int skipped = 0;
        for (SourceItem item : items) {
            if (item.skippedRecords > 0) {
                skipped += item.skippedRecords;
            } else {
                out.accept(item);
            }
        }
        if (skipped > 0) {
            out.accept(SourceItem.skipped(skipped));
        }
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
