package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.readback.MetricsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.FileUtils;

/**
 * Step 3, the whole job replaying the file in BATCH mode on a local MiniCluster, as
 * {@code java -jar dkim-trend.jar --events FILE} runs it; every output goes to files, so that
 * nothing but the table reaches stdout.
 */
final class JobReplay {

    record Outcome(StepResult result, DailyTotals totals) {}

    private JobReplay() {}

    static Outcome run(BenchInput input, long rows, int parallelism, int startupRuns) throws Exception {
        long startup = Startup.fastestOf(startupRuns, () -> replay(input.fiveLines(), parallelism).nanos);
        ProcessMemory.resetPeak();
        Replay replay = replay(input.file(), parallelism);
        return new Outcome(new StepResult("3 job, file replay", parallelism, rows, input.bytes(), replay.nanos,
                startup, ProcessMemory.peakKb()), replay.totals);
    }

    private record Replay(long nanos, DailyTotals totals) {}

    private static Replay replay(Path events, int parallelism) throws Exception {
        Path out = Files.createTempDirectory("dkim-trend-bench-");
        try {
            JobConfig config = JobConfig.fromArgs("--events", events.toString(),
                    "--parallelism", Integer.toString(parallelism),
                    "--metrics-file", out.resolve("metrics").toString(),
                    "--alerts-file", out.resolve("alerts").toString(),
                    "--dead-letter-file", out.resolve("dead-letters").toString(),
                    "--late-events-file", out.resolve("late-events").toString());
            long start = System.nanoTime();
            DkimTrendJob.run(config);
            long nanos = System.nanoTime() - start;
            return new Replay(nanos, DailyTotals.ofMetrics(MetricsFiles.read(out.resolve("metrics"))));
        } finally {
            FileUtils.deleteDirectoryQuietly(out.toFile());
        }
    }
}
