package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.monitor.MetricNames;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.util.OptionalFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSummaryTest {

    @Test
    void readsTheAccumulatorsOfAFinishedJob() {
        JobExecutionResult result = new JobExecutionResult(new JobID(), 4_000, Map.of(
                MetricNames.RECORDS_READ, OptionalFailure.of(1_000L),
                MetricNames.EMAIL_RECORDS, OptionalFailure.of(600L),
                MetricNames.DKIM_FAIL_RECORDS, OptionalFailure.of(70L),
                MetricNames.SKIPPED_RECORDS, OptionalFailure.of(390L),
                MetricNames.DEAD_LETTERS, OptionalFailure.of(10L),
                MetricNames.LATE_EVENTS, OptionalFailure.of(5L),
                MetricNames.DUPLICATES_DROPPED, OptionalFailure.of(20L),
                MetricNames.EMAILS_COUNTED, OptionalFailure.of(575L),
                MetricNames.FINAL_DAY_RECORDS, OptionalFailure.of(7L)));

        RunSummary summary = RunSummary.of(result).orElseThrow();

        // no backfill: no emailsOutsideRange accumulator, so none outside the range; no safety net caught any
        assertThat(summary).isEqualTo(
                new RunSummary(1_000, 600, 70, 390, 10, 575, 5, 0, 0, 20, 0, 7, Duration.ofSeconds(4)));
        assertThat(summary.emailsInDays()).isEqualTo(575);
        assertThat(summary.unaccounted()).isZero();
        assertThat(summary.recordsPerSecond()).isEqualTo(250);
        assertThat(summary.line()).isEqualTo("dkim-trend finished in 4.0 s: read 1000 records (250/s): "
                + "600 emails (70 failing DKIM), 390 of other tables skipped, 10 dead-lettered; "
                + "counted 575 emails, dropped 20 duplicates, 5 late, 0 outside the range; wrote 7 days");
    }

    /** Every email row is counted, dropped as a duplicate, late (wherever caught) or outside the range. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all accounted for                      | 100 | 80 | 10 | 5 | 0 | 0 | 5 | 80 | 5 | 0
            late events at the window, not counted | 100 | 78 | 10 | 5 | 2 | 0 | 5 | 78 | 7 | 0
            late emails at the window, counted     | 100 | 80 | 10 | 5 | 0 | 3 | 5 | 77 | 8 | 0
            two emails lost                        | 100 | 78 | 10 | 5 | 0 | 0 | 5 | 78 | 5 | 2
            """)
    void accountsForEveryEmailRow(String description, long emails, long counted, long duplicates, long late,
            long lateEventsAtWindow, long lateEmailsAtWindow, long outside, long inDays, long lateTotal,
            long unaccounted) {
        RunSummary summary = new RunSummary(emails, emails, 0, 0, 0, counted, late, lateEventsAtWindow,
                lateEmailsAtWindow, duplicates, outside, 1, Duration.ofSeconds(1));

        assertThat(summary.emailsInDays()).isEqualTo(inDays);
        assertThat(summary.lateTotal()).isEqualTo(lateTotal);
        assertThat(summary.unaccounted()).isEqualTo(unaccounted);
        if (unaccounted == 0) {
            assertThat(summary.line()).doesNotContain("unaccounted");
        } else {
            assertThat(summary.line()).endsWith("; " + unaccounted + " email rows unaccounted for");
        }
    }

    @Test
    void aDetachedJobHasNoSummary() {
        assertThat(RunSummary.of(new DetachedJobExecutionResult(new JobID()))).isEmpty();
    }
}
