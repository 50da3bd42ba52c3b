package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scripts of deploy/ parse as bash ({@code bash -n}, a process); the rest of deploy/ is {@link DeployManifestsTest}. */
class DeployManifestsIT {

    @Test
    void theScriptsAreValidBash() throws Exception {
        for (Path script : List.of(Path.of("deploy", "kafka-topics.sh"), Path.of("deploy", "local-cluster", "cluster.sh"))) {
            Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(script + ": " + new String(check.getInputStream().readAllBytes())).isZero();
        }
    }
}
