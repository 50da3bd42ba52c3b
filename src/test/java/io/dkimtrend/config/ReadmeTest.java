package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is the reference users read: it must not fall behind the code. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void documentsEveryFlag() throws Exception {
        String readme = Files.readString(README);
        for (Flag flag : Flag.values()) {
            assertThat(readme).as("README documents --" + flag.name).contains("`--" + flag.name);
        }
    }

    @Test
    void itsTestCommandIsWhatCiRuns() throws Exception {
        String ci = Files.readString(Path.of(".ci", "run"));
        assertThat(ci).contains("mvn -B verify");
        assertThat(Files.readString(README)).contains("```bash\nmvn verify\n```");
    }
}
