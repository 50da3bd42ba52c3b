package io.dkimtrend.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the fuzzer found interesting (and the seeds it started from) stay regression tests:
 * each file of the corpus is replayed with the fuzz target's property. Replayed here as a plain
 * parameterized test, so that the normal suite does not attach Jazzer's agent to the test JVM.
 */
class FuzzCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/io/dkimtrend/parse/MessageParserFuzzTestInputs/everyInputIsAccountedFor");

    static Stream<Path> corpus() throws IOException {
        return Files.list(CORPUS).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusInputIsAccountedFor(Path input) throws IOException {
        new MessageParserFuzzTest().everyInputIsAccountedFor(Files.readAllBytes(input));
    }
}
