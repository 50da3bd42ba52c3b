package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is lost silently: the job's Flink metrics account for every record of the bundle exactly
 * as its ground truth ({@code sample-events/expected/counts.json}) does: EmailEvents rows, other
 * tables' records skipped, dead letters, duplicates dropped.
 */
class AccountingIT {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(METRICS.addToConfiguration(new Configuration()));

    @TempDir
    Path out;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(strings = {"1", "2"})
    void everyRecordIsCountedOnceInTheMetrics(String parallelism) throws Exception {
        JsonNode truth = new ObjectMapper().readTree(SampleBundle.EXPECTED.resolve("counts.json").toFile());
        JobConfig config = JobConfig.fromArgs("--events", SampleBundle.EVENTS.toString(), "--parallelism", parallelism,
                "--metrics-file", out.resolve("metrics").toString(), "--dead-letter-file", out.resolve("dead").toString());

        JobID job = DkimTrendJob.build(config).execute("accounting").getJobID();

        assertThat(sum(job, MetricNames.EMAIL_RECORDS)).isEqualTo(truth.get("emailRows").asLong());
        assertThat(sum(job, MetricNames.SKIPPED_RECORDS)).isEqualTo(truth.get("otherTableRecords").asLong());
        assertThat(sum(job, MetricNames.DEAD_LETTERS)).isEqualTo(truth.get("deadLetters").asLong());
        assertThat(sum(job, MetricNames.DUPLICATES_DROPPED)).isEqualTo(truth.get("duplicates").asLong());
        assertThat(sum(job, MetricNames.LATE_EVENTS)).isZero();
    }

    /** A counter summed over the parallel instances of its operator. */
    private static long sum(JobID job, String name) {
        List<Long> counts = METRICS.findMetrics(job, name).entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .map(entry -> ((Counter) entry.getValue()).getCount()).toList();
        assertThat(counts).as("instances of metric " + name).isNotEmpty();
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
