package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each run has a name of its own, and with it its own {@code job_name} label on every metric: a
 * backfill's counters never add up with the live job's on a dashboard.
 */
class JobNameTest {

    @ParameterizedTest(name = "{0}, pipeline.name {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "(none)", textBlock = """
            # flags                                                                   | pipeline.name       | job name
            --events x                                                                | (none)              | dkim-trend
            --events x --from 2026-10-01 --until 2026-11-01                           | (none)              | dkim-trend-backfill
            --events x                                                                | dkim-trend          | dkim-trend
            --events x --from 2026-10-01 --until 2026-11-01                           | dkim-trend-backfill | dkim-trend-backfill
            --events x --from 2026-10-01 --until 2026-11-01                           | october-replay      | october-replay
            --events x --job-name dkim-trend-eu                                       | (none)              | dkim-trend-eu
            --events x --job-name dkim-trend-eu                                       | dkim-trend          | dkim-trend-eu
            --events x --from 2026-10-01 --until 2026-11-01 --job-name replay-2026-10 | dkim-trend-backfill | replay-2026-10
            """)
    void theFlagThenTheClustersPipelineNameThenTheDefault(String flags, String pipelineName, String expected) {
        Configuration cluster = new Configuration();
        if (pipelineName != null) {
            cluster.set(PipelineOptions.NAME, pipelineName);
        }

        assertThat(DkimTrendJob.jobName(JobConfig.fromArgs(flags.trim().split(" +")), cluster)).isEqualTo(expected);
    }
}
