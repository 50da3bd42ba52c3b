package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The parse path cannot be broken: for any input at all, no exception escapes, and every record is
 * accounted for exactly once, as an email, a skipped record of another table or a dead letter.
 *
 * <p>Each property draws its number of inputs from seeded generators ({@link SeededInputs}); the
 * long run raises the number with {@code -Dhostile.inputs} (see Input and limits in
 * docs/design.md), and a failure prints the seed that replays its input.
 */
class HostileInputProperties {

    private final MessageParser parser = RealShapedMessages.parser();

    @Test
    void anyInputIsAccountedFor() {
        SeededInputs.check(3_000, HostileMessages.anything(), HostileMessages::describe, message ->
                ParsedItems.parse(parser, message).assertAccountedFor(message, recordCount(message)));
    }

    @Test
    void realShapedMessagesAreClassifiedAsBuilt() {
        SeededInputs.check(500, RealShapedMessages.builtMessages(), BuiltMessage::toString, message -> {
            ParsedItems parsed = ParsedItems.parse(parser, message.bytes());
            assertThat(parsed.emails()).as("emails").isEqualTo(message.emails());
            assertThat(parsed.dkimFailures()).as("DKIM failures").isEqualTo(message.dkimFailures());
            assertThat(parsed.skipped()).as("skipped").isEqualTo(message.skipped());
            assertThat(parsed.deadLetters()).as("dead letters").isEqualTo(message.deadLetters());
            parsed.assertAccountedFor(message.bytes(), recordCount(message.bytes()));
        });
    }

    @Test
    void mutationsOfRealMessagesAreAccountedFor() {
        SeededInputs.check(300, HostileMessages.mutated(HostileMessages.seeds()), HostileMessages::describe, message ->
                ParsedItems.parse(parser, message).assertAccountedFor(message, recordCount(message)));
    }

    record Nesting(int depth, int form) {}

    @Test
    void nestingBeyondTheLimitIsOneDeadLetterWithItsReason() {
        Gen<Integer> depths = HostileMessages.depths();
        Gen<Nesting> nestings = random -> new Nesting(depths.next(random), random.nextInt(2));
        SeededInputs.check(200, nestings, Nesting::toString, nesting -> {
            ParsedItems parsed = ParsedItems.parse(parser, HostileMessages.nestedRow(nesting.depth(), nesting.form()));
            // the row is level 1, so a value nested `depth` levels reaches depth + 1
            if (nesting.depth() + 1 <= 64) {
                assertThat(parsed.emails()).isEqualTo(1);
            } else {
                assertThat(parsed.items()).singleElement().satisfies(item ->
                        assertThat(item.deadLetter.reason).startsWith("over a read limit: Document nesting depth"));
            }
        });
    }

    @Test
    void longNumbersAndStringsWhereTheJobSkipsThemNeverVoidTheMessage() {
        SeededInputs.check(300, HostileMessages.longSkippedValues(), HostileMessages.Placed::toString, placed -> {
            byte[] message = placed.envelope();
            ParsedItems parsed = ParsedItems.parse(parser, message);
            assertThat(parsed.emails()).as("emails").isEqualTo(2);
            assertThat(parsed.dkimFailures()).as("DKIM failures").isEqualTo(2);
            assertThat(parsed.deadLetters()).as("dead letters").isZero();
            parsed.assertAccountedFor(message, recordCount(message));
        });
    }

    @Test
    void longValuesInColumnsTheJobReadsAreDeadLettersOfTheirRecordAlone() {
        SeededInputs.check(300, HostileMessages.longReadValues(), HostileMessages.Placed::toString, placed -> {
            byte[] message = placed.envelope();
            ParsedItems parsed = ParsedItems.parse(parser, message);
            assertThat(parsed.emails()).as("emails").isEqualTo(2 + placed.emails());
            assertThat(parsed.dkimFailures()).as("DKIM failures").isEqualTo(2 + placed.dkimFailures());
            assertThat(parsed.records()).as("records").isEqualTo(3);
            if (placed.reason() == null) {
                assertThat(parsed.deadLetters()).as("dead letters").isZero();
            } else {
                assertThat(parsed.items()).filteredOn(item -> item.deadLetter != null).singleElement().satisfies(item -> {
                    assertThat(item.deadLetter.reason).startsWith(placed.reason());
                    assertThat(item.deadLetter.origin).isEqualTo(ParsedItems.ORIGIN + " record 1");
                });
            }
            parsed.assertAccountedFor(message, recordCount(message));
        });
    }

    record Encoded(BuiltMessage message, Charset charset) {}

    @Test
    void textInAnotherEncodingIsADeadLetter() {
        Gen<BuiltMessage> messages = RealShapedMessages.builtMessages();
        Gen<Charset> charsets = Gen.of(HostileMessages.OTHER_ENCODINGS);
        Gen<Encoded> encodedMessages = random -> new Encoded(messages.next(random), charsets.next(random));
        SeededInputs.check(300, encodedMessages, Encoded::toString, input -> {
            BuiltMessage message = input.message();
            byte[] encoded = new String(message.bytes(), StandardCharsets.UTF_8).getBytes(input.charset());
            ParsedItems parsed = ParsedItems.parse(parser, encoded);
            if (Arrays.equals(encoded, message.bytes())) {
                assertThat(parsed.records()).isEqualTo(message.records()); // ASCII: the same bytes in Latin-1
            } else if (input.charset().equals(StandardCharsets.ISO_8859_1) && RecordCount.isUtf8(encoded)) {
                // characters beyond Latin-1 became '?', or a Latin-1 pair happens to read as UTF-8: another message
                parsed.assertAccountedFor(encoded, recordCount(encoded));
            } else {
                assertThat(parsed.items()).singleElement()
                        .satisfies(item -> assertThat(item.deadLetter.reason).startsWith("not UTF-8"));
            }
        });
    }

    /** Valid text with now and then a byte changed: every kind of malformed sequence, near valid ones. */
    @Test
    void theUtf8CheckAgreesWithTheJdkDecoder() {
        Gen<String> texts = Gen.strings(Gen.anyChar(), 0, 40);
        Gen<byte[]> utf8ish = random -> {
            byte[] bytes = texts.next(random).getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(121);
            byte value = (byte) random.nextInt(256);
            if (at < bytes.length) bytes[at] = value;
            return bytes;
        };
        SeededInputs.check(2_000, utf8ish, Arrays::toString, bytes ->
                assertThat(Utf8.firstMalformed(bytes) < 0).isEqualTo(RecordCount.isUtf8(bytes)));
    }

    private static RecordCount recordCount(byte[] message) {
        return RecordCount.of(message, MessageParser.DEFAULT_MAX_MESSAGE_BYTES);
    }
}
