package io.dkimtrend.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.dedup.DeduplicateEmails;
import io.dkimtrend.sink.CountFinalDays;
import io.dkimtrend.source.SplitSourceItems;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.util.OptionalFailure;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void readsTheAccumulatorsOfAFinishedJob() {
        JobExecutionResult result = new JobExecutionResult(new JobID(), 4_000, Map.of(
                SplitSourceItems.RECORDS_READ, OptionalFailure.of(1_000L),
                SplitSourceItems.EMAIL_RECORDS, OptionalFailure.of(600L),
                SplitSourceItems.DKIM_FAIL_RECORDS, OptionalFailure.of(70L),
                SplitSourceItems.SKIPPED_RECORDS, OptionalFailure.of(390L),
                SplitSourceItems.DEAD_LETTER_COUNT, OptionalFailure.of(10L),
                SplitSourceItems.LATE_EVENT_COUNT, OptionalFailure.of(5L),
                DeduplicateEmails.DUPLICATES_DROPPED, OptionalFailure.of(20L),
                CountFinalDays.FINAL_DAY_RECORDS, OptionalFailure.of(7L)));

        RunSummary summary = RunSummary.of(result).orElseThrow();

        // no backfill: no emailsOutsideRange accumulator, so none outside the range
        assertThat(summary).isEqualTo(new RunSummary(1_000, 600, 70, 390, 10, 5, 20, 0, 7, Duration.ofSeconds(4)));
        assertThat(summary.emailsCounted()).isEqualTo(575);
        assertThat(summary.recordsPerSecond()).isEqualTo(250);
        assertThat(summary.line()).isEqualTo("dkim-trend finished in 4.0 s: read 1000 records (250/s): "
                + "600 emails (70 failing DKIM), 390 of other tables skipped, 10 dead-lettered; "
                + "counted 575 emails, dropped 20 duplicates, 5 late, 0 outside the range; wrote 7 days");
    }

    @Test
    void aDetachedJobHasNoSummary() {
        assertThat(RunSummary.of(new DetachedJobExecutionResult(new JobID()))).isEmpty();
    }
}
