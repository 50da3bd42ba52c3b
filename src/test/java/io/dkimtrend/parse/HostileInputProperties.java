package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The parse path cannot be broken: for any input at all, no exception escapes, and every record is
 * accounted for exactly once, as an email, a skipped record of another table or a dead letter.
 *
 * <p>{@link #anyInputIsAccountedFor} runs jqwik's default number of tries ({@code
 * jqwik.tries.default} in {@code junit-platform.properties}); the long run sets it on the command
 * line (see the README's Input and limits section).
 */
class HostileInputProperties {

    private final MessageParser parser = new MessageParser();

    @Property
    void anyInputIsAccountedFor(@ForAll("anything") byte[] message) {
        ParsedItems.parse(parser, message).assertAccountedFor(message, RecordCount.of(message, MessageParser.DEFAULT_MAX_MESSAGE_BYTES));
    }

    @Property(tries = 500)
    void realShapedMessagesAreClassifiedAsBuilt(@ForAll("builtMessages") BuiltMessage message) {
        ParsedItems parsed = ParsedItems.parse(parser, message.bytes());
        assertThat(parsed.emails()).as("emails").isEqualTo(message.emails());
        assertThat(parsed.dkimFailures()).as("DKIM failures").isEqualTo(message.dkimFailures());
        assertThat(parsed.skipped()).as("skipped").isEqualTo(message.skipped());
        assertThat(parsed.deadLetters()).as("dead letters").isEqualTo(message.deadLetters());
        parsed.assertAccountedFor(message.bytes(), RecordCount.of(message.bytes(), MessageParser.DEFAULT_MAX_MESSAGE_BYTES));
    }

    @Property(tries = 300)
    void mutationsOfRealMessagesAreAccountedFor(@ForAll("mutatedSeeds") byte[] message) {
        ParsedItems.parse(parser, message).assertAccountedFor(message, RecordCount.of(message, MessageParser.DEFAULT_MAX_MESSAGE_BYTES));
    }

    @Property(tries = 200)
    void nestingBeyondTheLimitIsOneDeadLetterWithItsReason(@ForAll @IntRange(min = 1, max = 100_000) int depth,
            @ForAll @IntRange(min = 0, max = 1) int form) {
        byte[] message = HostileMessages.nestedRow(depth, form);
        ParsedItems parsed = ParsedItems.parse(parser, message);
        // the row is level 1, so a value nested `depth` levels reaches depth + 1
        if (depth + 1 <= 64) {
            assertThat(parsed.emails()).isEqualTo(1);
        } else {
            assertThat(parsed.items()).singleElement().satisfies(item ->
                    assertThat(item.deadLetter.reason).startsWith("over a read limit: Document nesting depth"));
        }
    }

    @Property(tries = 200)
    void numbersLongerThan64CharactersAreOneDeadLetterWithItsReason(@ForAll @IntRange(min = 1, max = 100_000) int digits) {
        byte[] message = ("{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"Size\":" + "7".repeat(digits) + "}")
                .getBytes(StandardCharsets.UTF_8);
        ParsedItems parsed = ParsedItems.parse(parser, message);
        if (digits <= 64) {
            assertThat(parsed.emails()).isEqualTo(1);
        } else {
            assertThat(parsed.items()).singleElement().satisfies(item ->
                    assertThat(item.deadLetter.reason).startsWith("over a read limit: Number value length"));
        }
    }

    @Property(tries = 300)
    void textInAnotherEncodingIsADeadLetter(@ForAll("builtMessages") BuiltMessage message, @ForAll("otherEncodings") Charset charset) {
        byte[] encoded = new String(message.bytes(), StandardCharsets.UTF_8).getBytes(charset);
        ParsedItems parsed = ParsedItems.parse(parser, encoded);
        if (Arrays.equals(encoded, message.bytes())) {
            assertThat(parsed.records()).isEqualTo(message.records()); // ASCII: the same bytes in Latin-1
        } else if (charset.equals(StandardCharsets.ISO_8859_1) && RecordCount.isUtf8(encoded)) {
            // characters beyond Latin-1 became '?', or a Latin-1 pair happens to read as UTF-8: another message
            parsed.assertAccountedFor(encoded, RecordCount.of(encoded, MessageParser.DEFAULT_MAX_MESSAGE_BYTES));
        } else {
            assertThat(parsed.items()).as("%s in %s", message, charset).singleElement()
                    .satisfies(item -> assertThat(item.deadLetter.reason).startsWith("not UTF-8"));
        }
    }

    @Property(tries = 2000)
    void theUtf8CheckAgreesWithTheJdkDecoder(@ForAll("utf8ish") byte[] bytes) {
        assertThat(Utf8.firstMalformed(bytes) < 0).isEqualTo(RecordCount.isUtf8(bytes));
    }

    @Provide
    Arbitrary<byte[]> anything() {
        return HostileMessages.anything();
    }

    @Provide
    Arbitrary<BuiltMessage> builtMessages() {
        return HostileMessages.builtMessages();
    }

    @Provide
    Arbitrary<byte[]> mutatedSeeds() {
        return HostileMessages.mutated(HostileMessages.seeds());
    }

    /** Valid text with now and then a byte changed: every kind of malformed sequence, near valid ones. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> text = net.jqwik.api.Arbitraries.strings().all().ofMaxLength(40)
                .map(string -> string.getBytes(StandardCharsets.UTF_8));
        return net.jqwik.api.Combinators.combine(text, net.jqwik.api.Arbitraries.bytes(),
                net.jqwik.api.Arbitraries.integers().between(0, 120)).as((bytes, value, at) -> {
                    if (at < bytes.length) bytes[at] = value;
                    return bytes;
                });
    }

    @Provide
    Arbitrary<Charset> otherEncodings() {
        return net.jqwik.api.Arbitraries.of(HostileMessages.OTHER_ENCODINGS);
    }
}
