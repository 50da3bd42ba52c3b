package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigTest {

    @Test
    void noFlagsMeansTheDemoOnTheBundledSample() {
        JobConfig config = JobConfig.fromArgs();
        assertThat(config.demo).isTrue();
        assertThat(config.isBounded()).isTrue();
        assertThat(config.metricsToStdout()).isTrue();
        assertThat(config.zone).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.dedup).isTrue();
        assertThat(config.dedupHorizon).isEqualTo(Duration.ofHours(48));
        assertThat(config.maxFutureSkew).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void kafkaPropertiesPassThroughToTheSourceAndTheSinks() {
        JobConfig config = JobConfig.fromArgs("--bootstrap-servers", "ns.servicebus.windows.net:9093",
                "--events-topic", "defender", "--kafka.security.protocol", "SASL_SSL",
                "--kafka.sasl.mechanism", "PLAIN", "--metrics-topic", "m");
        assertThat(config.sourceKafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.sinkKafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.sinkBootstrapServers).isEqualTo("ns.servicebus.windows.net:9093");
        assertThat(config.isBounded()).isFalse();
    }

    @Test
    void aSeparateSinkClusterGetsOnlyItsOwnProperties() {
        JobConfig config = JobConfig.fromArgs("--bootstrap-servers", "ns.servicebus.windows.net:9093",
                "--events-topic", "defender", "--kafka.sasl.mechanism", "PLAIN",
                "--sink-bootstrap-servers", "kafka:9092", "--metrics-topic", "m");
        assertThat(config.sinkKafkaProperties()).isEmpty();
        assertThat(config.sinkBootstrapServers).isEqualTo("kafka:9092");
    }

    /** Every field is final: nothing outside the parsing assigns one, not even a test. */
    @Test
    void isReadOnlyOnceParsed() {
        for (Field field : JobConfig.class.getDeclaredFields()) {
            assertThat(Modifier.isFinal(field.getModifiers())).as(field.getName() + " is final").isTrue();
        }
        JobConfig config = JobConfig.fromArgs("--bootstrap-servers", "k:9092", "--events-topic", "e",
                "--kafka.security.protocol", "SASL_SSL");
        assertThat(config.kafkaProperties).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.sinkKafkaProperties).containsEntry("security.protocol", "SASL_SSL");
        assertThatThrownBy(() -> config.kafkaProperties.put("security.protocol", "PLAINTEXT"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.sinkKafkaProperties.clear()).isInstanceOf(UnsupportedOperationException.class);
        // The Properties handed to the Kafka clients are copies of their own.
        config.sourceKafkaProperties().put("security.protocol", "PLAINTEXT");
        assertThat(config.kafkaProperties).containsEntry("security.protocol", "SASL_SSL");
    }

    /**
     * Operators carry the configuration as Java serialization ships it: the copy holds every value,
     * stays read-only and masked, and leaves the transient password behind (null).
     */
    @Test
    void aShippedCopyHoldsEveryValueButThePassword() throws Exception {
        JobConfig config = JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, "s3cr3t-pg"),
                "--bootstrap-servers", "k:9092", "--events-topic", "e", "--kafka.sasl.jaas.config", "jaas-secret",
                "--metrics-topic", "m", "--jdbc-url", "jdbc:postgresql://db/soc", "--zone", "Europe/Berlin",
                "--top-domains", "3", "--dedup-horizon", "36 h");
        JobConfig copy = InstantiationUtil.clone(config);
        for (Field field : JobConfig.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) continue;
            assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(config));
        }
        assertThat(config.jdbcPassword).isEqualTo("s3cr3t-pg");
        assertThat(copy.jdbcPassword).isNull();
        assertThat(copy.kafkaProperties.toString()).isEqualTo("{sasl.jaas.config=****}");
        assertThatThrownBy(() -> copy.kafkaProperties.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            --dedup-horizon        | 36 h   | PT36H
            --allowed-lateness     | PT6H   | PT6H
            --max-out-of-orderness | 10 min | PT10M
            --idle-timeout         | 30 s   | PT30S
            --max-future-skew      | 2 h    | PT2H
            --max-future-skew      | 0 s    | PT0S
            """)
    void readsDurations(String flag, String value, String expected) {
        JobConfig config = JobConfig.fromArgs(flag, value);
        Duration read = switch (flag) {
            case "--dedup-horizon" -> config.dedupHorizon;
            case "--allowed-lateness" -> config.allowedLateness;
            case "--max-out-of-orderness" -> config.maxOutOfOrderness;
            case "--max-future-skew" -> config.maxFutureSkew;
            default -> config.idleTimeout;
        };
        assertThat(read).isEqualTo(Duration.parse(expected));
    }

    /** Only what the flag says: without it, the job takes the cluster's name or a default when it runs. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "(none)", textBlock = """
            --job-name dkim-trend-2026-10                                          | dkim-trend-2026-10
            --job-name replay --from 2026-10-01 --until 2026-11-01                 | replay
            --from 2026-10-01 --until 2026-11-01                                   | (none)
            --events x                                                             | (none)
            """)
    void readsTheJobName(String args, String expected) {
        assertThat(JobConfig.fromArgs(args.trim().split(" +")).jobName).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --evnts x                                           | unknown flag --evnts
            --events x --events-topic t --bootstrap-servers b   | not both
            --events-topic t                                    | needs --bootstrap-servers
            --events x --metrics-topic m                        | output topics need
            --starting-offsets newest                           | --starting-offsets must be
            --dedup-horizon soon                                | not a duration
            --zone Mars/Olympus                                 | Mars/Olympus
            --top-domains ten                                   | --top-domains: not a whole number: ten
            --alert-min-emails 5e2                              | --alert-min-emails: not a whole number: 5e2
            --alert-threshold high                              | --alert-threshold: not a number: high
            --alert-threshold NaN                               | --alert-threshold: not a finite number: NaN
            --alert-threshold Infinity                          | --alert-threshold: not a finite number: Infinity
            --events x --zone                                   | --zone needs a value
            --events x --top-domains                            | --top-domains needs a value: N
            --events x --dedup-horizon --no-dedup               | --dedup-horizon needs a value
            """)
    void rejectsWhatCannotWork(String args, String message) {
        assertThatThrownBy(() -> JobConfig.fromArgs(args.trim().split(" +"))).hasMessageContaining(message);
    }
}
