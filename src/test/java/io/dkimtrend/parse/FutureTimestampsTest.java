package io.dkimtrend.parse;

import static io.dkimtrend.parse.MessageParserTest.FAIL;
import static io.dkimtrend.parse.MessageParserTest.PASS;
import static io.dkimtrend.parse.MessageParserTest.describe;
import static io.dkimtrend.parse.MessageParserTest.envelope;
import static io.dkimtrend.parse.MessageParserTest.record;
import static io.dkimtrend.parse.MessageParserTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dkimtrend.model.SourceItem;
import io.dkimtrend.testing.SampleBundle;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Timestamp further ahead of the wall clock than the allowed skew is a dead letter, so that it
 * never reaches the watermarks. The wall clock of these tables reads {@link #NOW}.
 */
class FutureTimestampsTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static Stream<Arguments> timestamps() {
        return Stream.of(
                arguments("1 d", "2026-11-27T13:00:00Z", "email 2026-11-27T13:00:00Z PASS m1|ann@contoso.com"),
                arguments("1 d", "2026-11-27T12:00:00Z", "email 2026-11-27T12:00:00Z PASS m1|ann@contoso.com"),
                arguments("1 d", "2026-10-03T10:00:00Z", "email 2026-10-03T10:00:00Z PASS m1|ann@contoso.com"),
                arguments("1 d", "2026-11-28T12:00:00Z", "email 2026-11-28T12:00:00Z PASS m1|ann@contoso.com"),
                arguments("1 d", "2026-11-28T12:00:00.001Z",
                        "dead Timestamp \"2026-11-28T12:00:00.001Z\" lies more than 1 d in the future"),
                arguments("1 d", "2026-11-29T12:00:00Z", "dead Timestamp \"2026-11-29T12:00:00Z\" lies more than 1 d in the future"),
                arguments("1 d", "2026-11-28T13:00:00+02:00", "email 2026-11-28T11:00:00Z PASS m1|ann@contoso.com"),
                arguments("1 d", "2099-12-31T23:59:59Z", "dead Timestamp \"2099-12-31T23:59:59Z\" lies more than 1 d in the future"),
                arguments("1 d", "2100-01-01T00:00:00Z", "dead Timestamp out of range (2000 to 2099): \"2100-01-01T00:00:00Z\""),
                arguments("2 h", "2026-11-27T13:00:00Z", "email 2026-11-27T13:00:00Z PASS m1|ann@contoso.com"),
                arguments("2 h", "2026-11-27T15:00:00Z", "dead Timestamp \"2026-11-27T15:00:00Z\" lies more than 2 h in the future"),
                arguments("0 ms", "2026-11-27T12:00:00.001Z",
                        "dead Timestamp \"2026-11-27T12:00:00.001Z\" lies more than 0 ms in the future"),
                arguments("36500 d", "2099-12-31T23:59:59Z", "email 2099-12-31T23:59:59Z PASS m1|ann@contoso.com"));
    }

    @ParameterizedTest(name = "skew {0}, Timestamp {1} -> {2}")
    @MethodSource("timestamps")
    void aTimestampTooFarAheadIsADeadLetter(String skew, String timestamp, String expected) {
        String message = row(timestamp, PASS, "m1", "Ann@Contoso.com");
        assertThat(describe(parse(parser(skew), message))).containsExactly(expected);
    }

    @Test
    void inAnEnvelopeOnlyTheRecordFromTheFutureIsADeadLetter() {
        String future = record("AdvancedHunting-EmailEvents", row("2026-12-30T10:00:00Z", FAIL, "m2", "bob@contoso.com"));
        List<SourceItem> items = parse(parser("1 d"), envelope(
                record("AdvancedHunting-EmailEvents", row("2026-11-27T11:00:00Z", FAIL, "m1", "ann@contoso.com")), future));
        assertThat(describe(items)).containsExactly("email 2026-11-27T11:00:00Z FAIL m1|ann@contoso.com",
                "dead Timestamp \"2026-12-30T10:00:00Z\" lies more than 1 d in the future");
        assertThat(items.get(1).deadLetter.payload).isEqualTo(future);
        assertThat(items.get(1).deadLetter.origin).isEqualTo("events/0/7 record 1");
    }

    @Test
    void theWallClockIsReadForEachMessage() {
        MutableClock clock = new MutableClock(NOW);
        MessageParser parser = new MessageParser(MessageParser.DEFAULT_MAX_MESSAGE_BYTES, Duration.ofDays(1), clock);
        String message = row("2026-11-29T12:00:00Z", PASS, "m1", "ann@contoso.com");
        assertThat(describe(parse(parser, message))).singleElement().asString().startsWith("dead Timestamp");
        clock.now = NOW.plus(Duration.ofDays(1));
        assertThat(describe(parse(parser, message))).singleElement().asString().startsWith("email");
    }

    @Test
    void theBundledSampleAndAnEmailSentNowAreReadAsBefore() throws Exception {
        // the wall clock of the run, not a fixed one: the sample's days lie in the past of any run
        MessageParser withTheRule = new MessageParser();
        MessageParser withoutIt = new MessageParser(MessageParser.DEFAULT_MAX_MESSAGE_BYTES, Duration.ofDays(365 * 100));
        List<byte[]> messages = new ArrayList<>(SampleBundle.messagesInEventTimeOrder());
        messages.add(SampleBundle.emailSentNow());
        for (byte[] message : messages) {
            String text = new String(message, StandardCharsets.UTF_8);
            assertThat(describe(parse(withTheRule, text))).as(text).isEqualTo(describe(parse(withoutIt, text)));
        }
        assertThat(describe(parse(withTheRule, new String(SampleBundle.emailSentNow(), StandardCharsets.UTF_8))))
                .singleElement().asString().startsWith("email");
    }

    @Test
    void aNegativeSkewIsRefused() {
        assertThatThrownBy(() -> new MessageParser(1_000, Duration.ofHours(-1))).hasMessageContaining("negative");
    }

    private static MessageParser parser(String skew) {
        return new MessageParser(MessageParser.DEFAULT_MAX_MESSAGE_BYTES,
                org.apache.flink.util.TimeUtils.parseDuration(skew), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<SourceItem> parse(MessageParser parser, String message) {
        List<SourceItem> items = new ArrayList<>();
        parser.parse(message.getBytes(StandardCharsets.UTF_8), "events/0/7", items::add);
        return items;
    }

    /** A wall clock that a test moves. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
