package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTextTest {

    @Test
    void helpListsEveryFlag() {
        String usage = HelpText.render();
        for (Flag flag : Flag.values()) {
            assertThat(usage).contains("--" + flag.name);
        }
    }
}
