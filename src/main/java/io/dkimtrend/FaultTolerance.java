package io.dkimtrend;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How the job meets a failure, the same wherever it runs: locally, on the local cluster, in Compose
 * and on Kubernetes (deploy/ writes the same values, DeployManifestsTest checks it). A cluster whose
 * configuration names a restart strategy or a tolerable number of failed checkpoints keeps its own.
 *
 * <ul>
 *   <li>A live run restarts forever, ever more slowly: 1 s after a failure, doubling up to 2 min,
 *       and back to 1 s after an hour without one. A broker that is down, Event Hubs throttling, a
 *       lost TaskManager: each passes, and the job must still be there when it has.
 *   <li>A bounded run (a replay, a backfill) tries three times, 10 s apart, then fails: a failure
 *       that repeats on the same input is a bug to see, not to retry forever.
 *   <li>Up to {@value #TOLERABLE_FAILED_CHECKPOINTS} checkpoints in a row may fail (checkpoint
 *       storage away for a while) before the job restarts from the last good one; each failure is
 *       counted ({@code numberOfFailedCheckpoints}). Kafka transactions stay open meanwhile, so the
 *       outage tolerated stays far below {@code --transaction-timeout}.
 * </ul>
 */
final class FaultTolerance {

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    static final double BACKOFF_MULTIPLIER = 2.0;
    static final Duration RESET_BACKOFF_THRESHOLD = Duration.ofHours(1);
    static final int BOUNDED_ATTEMPTS = 3;
    static final Duration BOUNDED_DELAY = Duration.ofSeconds(10);
    static final int TOLERABLE_FAILED_CHECKPOINTS = 5;

    private FaultTolerance() {}

    /** Sets the job's restart strategy and checkpoint tolerance where the configuration names none. */
    static void applyDefaults(StreamExecutionEnvironment env, boolean bounded) {
        Configuration defaults = new Configuration();
        if (env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY).isEmpty()) {
            defaults.addAll(restartStrategy(bounded));
        }
        if (env.getConfiguration().getOptional(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER).isEmpty()) {
            defaults.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, TOLERABLE_FAILED_CHECKPOINTS);
        }
        env.configure(defaults);
    }

    static Configuration restartStrategy(boolean bounded) {
        Configuration conf = new Configuration();
        if (bounded) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, BOUNDED_ATTEMPTS);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, BOUNDED_DELAY);
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, INITIAL_BACKOFF);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, MAX_BACKOFF);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, BACKOFF_MULTIPLIER);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                    RESET_BACKOFF_THRESHOLD);
        }
        return conf;
    }
}
