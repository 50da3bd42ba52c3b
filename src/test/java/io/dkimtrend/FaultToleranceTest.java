package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultToleranceTest {

    @ParameterizedTest(name = "bounded {0}, the cluster says \"{1}\" and {2} -> {3}, {4} failed checkpoints")
    @CsvSource(delimiter = '|', textBlock = """
            false |          | -1 | exponential-delay | 5
            true  |          | -1 | fixed-delay       | 5
            false | none     | -1 | none              | 5
            false |          |  0 | exponential-delay | 0
            true  | failure-rate | 2 | failure-rate   | 2
            """)
    void theJobsPolicyUnlessTheClusterNamesItsOwn(boolean bounded, String clusterStrategy, int clusterTolerance,
            String strategy, int tolerance) {
        Configuration cluster = new Configuration();
        if (clusterStrategy != null) cluster.set(RestartStrategyOptions.RESTART_STRATEGY, clusterStrategy);
        if (clusterTolerance >= 0) cluster.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, clusterTolerance);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);

        FaultTolerance.applyDefaults(env, bounded);

        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo(strategy);
        assertThat(env.getCheckpointConfig().getTolerableCheckpointFailureNumber()).isEqualTo(tolerance);
    }

    @ParameterizedTest(name = "bounded {0}")
    @CsvSource({"false", "true"})
    void aLiveRunRestartsForeverEverMoreSlowlyABoundedOneGivesUpAfterThreeTries(boolean bounded) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        FaultTolerance.applyDefaults(env, bounded);
        ReadableConfig conf = env.getConfiguration();
        if (bounded) {
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).isEqualTo(Duration.ofSeconds(10));
        } else {
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF)).isEqualTo(Duration.ofSeconds(1));
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF)).isEqualTo(Duration.ofMinutes(2));
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD)).isEqualTo(Duration.ofHours(1));
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(Integer.MAX_VALUE);
        }
    }
}
