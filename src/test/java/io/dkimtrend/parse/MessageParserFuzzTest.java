package io.dkimtrend.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the parse path with Jazzer, run on demand (tag {@code jazzer}, left out
 * of the normal suite; see Input and limits in docs/design.md). What it finds interesting goes to
 * {@code src/test/resources/io/dkimtrend/parse/MessageParserFuzzTestInputs/}, which
 * {@link FuzzCorpusTest} replays in every build. The property is {@link HostileInputProperties}' first one: nothing
 * escapes, every record is accounted for.
 */
class MessageParserFuzzTest {

    private final MessageParser parser = new MessageParser();

    @FuzzTest(maxDuration = "10m")
    void everyInputIsAccountedFor(byte[] message) {
        ParsedItems.parse(parser, message).assertAccountedFor(message, RecordCount.of(message, MessageParser.DEFAULT_MAX_MESSAGE_BYTES));
    }
}
