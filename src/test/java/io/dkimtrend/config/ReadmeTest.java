package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README and the docs are the reference users read: they must not fall behind the code. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");
    /** The page of the docs that holds the flag table. */
    private static final Path COMMAND_LINE = Path.of("docs", "command-line.md");

    @Test
    void documentsEveryFlag() throws Exception {
        String page = Files.readString(COMMAND_LINE);
        for (Flag flag : Flag.values()) {
            assertThat(page).as(COMMAND_LINE + " documents --" + flag.name).contains("`--" + flag.name);
        }
    }

    @Test
    void itsTestCommandIsWhatCiRuns() throws Exception {
        String ci = Files.readString(Path.of(".ci", "run"));
        assertThat(ci).contains("mvn -B verify");
        assertThat(Files.readString(README)).contains("```bash\nmvn verify\n```");
    }
}
