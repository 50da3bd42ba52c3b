package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.parse.MessageParser;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each default is written once, in {@link Flag}: a run without flags gets exactly the value the table
 * states, and {@code --help} shows that value.
 */
class FlagDefaultsTest {

    /**
     * A flag with a default: the field of {@link JobConfig} that holds it, how the test reads the
     * table's text as a value (Java's and Flink's own parsers, not the job's), and another value.
     */
    record Row(Flag flag, Function<JobConfig, Object> field, Function<String, Object> typed, String other) {
        @Override
        public String toString() {
            return "--" + flag.name;
        }
    }

    private static Row row(Flag flag, Function<JobConfig, Object> field, Function<String, Object> typed, String other) {
        return new Row(flag, field, typed, other);
    }

    static Stream<Row> flagsWithADefault() {
        Function<String, Object> text = value -> value;
        Function<String, Object> duration = TimeUtils::parseDuration;
        return Stream.of(
                row(Flag.GROUP_ID, c -> c.groupId, text, "soc-trend"),
                row(Flag.STARTING_OFFSETS, c -> c.startingOffsets, text, "earliest"),
                row(Flag.RANGE_PADDING, c -> c.rangePadding, duration, "2 d"),
                row(Flag.MAX_MESSAGE_BYTES, c -> c.maxMessageBytes, Integer::valueOf, "1024"),
                row(Flag.MAX_FUTURE_SKEW, c -> c.maxFutureSkew, duration, "2 h"),
                row(Flag.JDBC_TABLE, c -> c.jdbcTable, text, "soc.daily"),
                row(Flag.JDBC_ALERTS_TABLE, c -> c.jdbcAlertsTable, text, "soc.alerts"),
                row(Flag.BASELINE_DAYS, c -> c.baselineDays, Integer::valueOf, "35"),
                row(Flag.BASELINE_MIN_DAYS, c -> c.baselineMinDays, Integer::valueOf, "7"),
                row(Flag.ALERT_THRESHOLD, c -> c.alertThreshold, Double::valueOf, "4.5"),
                row(Flag.ALERT_MIN_EMAILS, c -> c.alertMinEmails, Long::valueOf, "500"),
                row(Flag.ALERT_MIN_FAILURES, c -> c.alertMinFailures, Long::valueOf, "25"),
                row(Flag.TRANSACTIONAL_ID_PREFIX, c -> c.transactionalIdPrefix, text, "soc"),
                row(Flag.TRANSACTION_TIMEOUT, c -> c.transactionTimeout, duration, "5 min"),
                row(Flag.ZONE, c -> c.zone, ZoneId::of, "Europe/Berlin"),
                row(Flag.DEDUP_HORIZON, c -> c.dedupHorizon, duration, "36 h"),
                row(Flag.MAX_OUT_OF_ORDERNESS, c -> c.maxOutOfOrderness, duration, "5 min"),
                row(Flag.IDLE_TIMEOUT, c -> c.idleTimeout, duration, "30 s"),
                row(Flag.ALLOWED_LATENESS, c -> c.allowedLateness, duration, "12 h"),
                row(Flag.UPDATE_INTERVAL, c -> c.updateInterval, duration, "5 min"),
                row(Flag.SERIES_BY, c -> c.seriesByTenant, "tenant"::equals, "tenant"),
                row(Flag.TOP_DOMAINS, c -> c.topDomains, Integer::valueOf, "3"),
                row(Flag.CHECKPOINT_INTERVAL, c -> c.checkpointInterval, duration, "1 min"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagsWithADefault")
    void withoutTheFlagTheConfigurationHoldsTheTablesDefault(Row row) {
        Object expected = row.typed().apply(row.flag().defaultValue);
        assertThat(row.field().apply(JobConfig.fromArgs())).as("no flags").isEqualTo(expected);
        // The field really is the flag's: another value given changes it.
        assertThat(row.other()).isNotEqualTo(row.flag().defaultValue);
        assertThat(row.field().apply(JobConfig.fromArgs("--" + row.flag().name, row.other())))
                .as("--%s %s", row.flag().name, row.other()).isEqualTo(row.typed().apply(row.other()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagsWithADefault")
    void helpShowsTheTablesDefault(Row row) {
        String line = Arrays.stream(JobConfig.usage().split("\n"))
                .filter(text -> text.startsWith("  --" + row.flag().name + " "))
                .findFirst().orElseThrow();
        assertThat(line).endsWith(" Default: " + row.flag().defaultValue + ".");
    }

    @Test
    void theRowsAreEveryFlagWithADefault() {
        assertThat(flagsWithADefault().map(Row::flag).collect(Collectors.toSet()))
                .isEqualTo(Arrays.stream(Flag.values()).filter(flag -> flag.defaultValue != null)
                        .collect(Collectors.toSet()));
    }

    @Test
    void helpShowsNoDefaultForAFlagWithoutOne() {
        for (Flag flag : Flag.values()) {
            if (flag.defaultValue == null) {
                assertThat(HelpText.line(flag)).as("--" + flag.name).isEqualTo(flag.description);
            }
        }
    }

    /** A default is never written by hand into a description, where it could drift from the table. */
    @Test
    void noDescriptionStatesADefault() {
        for (Flag flag : Flag.values()) {
            assertThat(flag.description).as("--" + flag.name)
                    .doesNotContainPattern("(?i)\\(default\\b")
                    .doesNotContainPattern("(?i)\\bdefault:")
                    .doesNotContainPattern("(?i)\\bdefault \\d");
        }
    }

    /** The parser's own defaults, used where no configuration is at hand, are the same values. */
    @Test
    void theParsersConstantsAreTheTablesDefaults() {
        JobConfig config = JobConfig.fromArgs();
        assertThat(config.maxMessageBytes).isEqualTo(MessageParser.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(config.maxFutureSkew).isEqualTo(MessageParser.DEFAULT_MAX_FUTURE_SKEW);
    }

    /** A backfill without the flag writes under a prefix of its own, so that it never fences the live job. */
    @Test
    void aBackfillsDefaultPrefixIsTheTablesWithASuffix() {
        JobConfig backfill = JobConfig.fromArgs("--from", "2026-10-01", "--until", "2026-10-02");
        assertThat(backfill.transactionalIdPrefix).isEqualTo(Flag.TRANSACTIONAL_ID_PREFIX.defaultValue + "-backfill");
        assertThat(JobConfig.fromArgs("--from", "2026-10-01", "--until", "2026-10-02",
                "--transactional-id-prefix", "soc").transactionalIdPrefix).isEqualTo("soc");
    }

    /** Flags without a default read as absent: null, off, or what their description names. */
    @Test
    void flagsWithoutADefaultAreAbsent() {
        JobConfig config = JobConfig.fromArgs();
        assertThat(Stream.of(config.events, config.eventsTopic, config.bootstrapServers, config.sinkBootstrapServers,
                config.from, config.until, config.range, config.metricsTopic, config.metricsFile, config.jdbcUrl,
                config.stateBackend, config.jobName, config.checkpointDir, config.fromSavepoint, config.chart))
                .allMatch(Objects::isNull);
        assertThat(config.bounded).isFalse();
        assertThat(config.dedup).isTrue();
        assertThat(config.parallelism).isEqualTo(org.apache.flink.api.common.ExecutionConfig.PARALLELISM_DEFAULT);
    }
}
