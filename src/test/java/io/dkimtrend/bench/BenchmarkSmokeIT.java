package io.dkimtrend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the benchmark, every step once, so that it keeps working: each step prints its
 * line, and the steps that must agree on the daily counts do. Its figures are not checked.
 */
class BenchmarkSmokeIT {

    @Test
    void printsEveryStepAndTheirCountsAgree(@TempDir Path cache) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // p=1 only, one round of fresh processes and no separate start-up runs: the smallest run that
        // still passes every step
        Benchmark.run(BenchmarkFlags.parse("--records", "2000", "--cache", cache.toString(), "--parallelism", "1",
                "--startup-runs", "0", "--probes", "2", "--rounds", "1"),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("Fresh processes, as users start them: 1 rounds"))
                .anySatisfy(line -> assertThat(line).startsWith("command").contains("five lines s", "x loop"))
                .anySatisfy(line -> assertThat(line).startsWith("loop: one thread of streaming Jackson  1"))
                .anySatisfy(line -> assertThat(line).startsWith("Flink SQL, json format"))
                .anySatisfy(line -> assertThat(line).startsWith("java -jar target/dkim-trend.jar"))
                .anySatisfy(line -> assertThat(line).startsWith("bin/dkim-trend"))
                .anySatisfy(line -> assertThat(line).startsWith("step").contains("records/s", "net rec/s", "of SQL"))
                .anySatisfy(line -> assertThat(line).startsWith("1 ceiling: streaming Jackson"))
                .anySatisfy(line -> assertThat(line).startsWith("2 parse path, 1 thread"))
                .anySatisfy(line -> assertThat(line).startsWith("3 job, file replay"))
                .anySatisfy(line -> assertThat(line).startsWith("4 Flink SQL, file"))
                .anySatisfy(line -> assertThat(line).startsWith("5 Kafka -> job -> Kafka"))
                .anySatisfy(line -> assertThat(line).startsWith("start-up of a local run").endsWith(" s"))
                .anySatisfy(line -> assertThat(line).startsWith("start-up with bin/dkim-trend"))
                .anySatisfy(line -> assertThat(line).startsWith("5 latency, p=1"))
                .anySatisfy(line -> assertThat(line).contains("written (read_uncommitted):  p50"))
                .anySatisfy(line -> assertThat(line).contains("committed (read_committed):  p50"))
                .anySatisfy(line -> assertThat(line).startsWith("check Kafka run p=1"));
        assertThat(lines).filteredOn(line -> line.startsWith("check parse path") || line.startsWith("check job")
                        || line.startsWith("check Flink SQL"))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).contains(": equal ("));
    }
}
