package io.dkimtrend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the benchmark, so that it keeps working; its figures are not checked. */
class BenchmarkSmokeTest {

    @Test
    void printsAFigureForEveryStep(@TempDir Path cache) throws Exception {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
        try {
            Benchmark.main(new String[] {"--records", "2000", "--cache", cache.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(table.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith("step").contains("records/s").contains("peak RSS"))
                .anySatisfy(line -> assertThat(line).startsWith("parse path, 1 thread"))
                .anySatisfy(line -> assertThat(line).startsWith("job, file replay, p=1"))
                .anySatisfy(line -> assertThat(line).startsWith("job, file replay, p=2"));
    }
}
