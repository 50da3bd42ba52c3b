package io.dkimtrend.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DomainFailures;
import io.dkimtrend.readback.PostgresRows;
import io.dkimtrend.testing.PostgresExtension;
import io.dkimtrend.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upserts of {@link PostgresTables} on a real PostgreSQL: which record a row ends up holding when
 * records of one key arrive in any order and any number of times, as a table of cases.
 */
@ExtendWith(PostgresExtension.class)
class PostgresTablesIT {

    private static PostgresServer postgres;
    private static int databases;

    @BeforeAll
    static void start(PostgresServer server) {
        postgres = server;
    }

    /** A record written as {@code emails/final/revision}, e.g. {@code 10/running/3}, {@code 12/final/4}. */
    static Stream<Arguments> dayRecords() {
        return Stream.of(
                // records in the order they reach the table           the row then holds
                Arguments.of("running records, then the final", List.of("5/running/1", "8/running/2", "9/final/3"), "9/final/3"),
                Arguments.of("a correction replaces the final", List.of("9/final/3", "10/final/4"), "10/final/4"),
                Arguments.of("an older final never replaces a correction", List.of("10/final/4", "9/final/3"), "10/final/4"),
                Arguments.of("a running record never replaces a final", List.of("9/final/3", "8/running/2"), "9/final/3"),
                Arguments.of("not even one of a higher revision (after a restart)", List.of("9/final/3", "9/running/4"), "9/final/3"),
                Arguments.of("a final beats a running record of a higher revision", List.of("9/running/4", "9/final/3"), "9/final/3"),
                Arguments.of("a late correction beats a filled zero day", List.of("0/final/0", "1/final/1"), "1/final/1"),
                Arguments.of("a replay of the same records", List.of("5/running/1", "9/final/2", "5/running/1", "9/final/2"), "9/final/2"),
                Arguments.of("the same revision counted again differently (a restart)", List.of("9/final/3", "11/final/3"), "11/final/3"),
                Arguments.of("a backfill's final (revision 1) under a live final", List.of("9/final/7", "9/final/1"), "9/final/7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dayRecords")
    void aDayRowKeepsTheNewestRecord(String what, List<String> records, String expected) throws Exception {
        String database = postgres.createDatabase("days_" + ++databases);
        try (Connection connection = postgres.connect(database)) {
            PostgresTables.create(connection, PostgresTables.metricsDdl("dkim_trend_daily"));
            for (String record : records) {
                write(connection, day(record, "2026-11-03T00:10:00Z"));
            }
        }
        assertThat(postgres.query(database, "SELECT emails || '/' || CASE WHEN final THEN 'final' ELSE 'running' END "
                + "|| '/' || revision AS row FROM dkim_trend_daily")).extracting(row -> row.get("row")).containsExactly(expected);
    }

    @Test
    void aRecordWrittenAgainLaterLeavesItsRowUntouched() throws Exception {
        String database = postgres.createDatabase("days_again");
        try (Connection connection = postgres.connect(database)) {
            PostgresTables.create(connection, PostgresTables.metricsDdl("dkim_trend_daily"));
            write(connection, day("9/final/3", "2026-11-04T00:10:00Z"));
            Object before = postgres.query(database, "SELECT xmin::text AS x, emitted_at FROM dkim_trend_daily");
            write(connection, day("9/final/3", "2026-11-05T08:00:00Z")); // the same record, made again a day later
            assertThat(postgres.query(database, "SELECT xmin::text AS x, emitted_at FROM dkim_trend_daily")).isEqualTo(before);
        }
    }

    /** An alert written as {@code status/observed}. */
    static Stream<Arguments> alertRecords() {
        return Stream.of(
                Arguments.of("preliminary, then confirmed", List.of("preliminary/30", "confirmed/31"), "confirmed/31"),
                Arguments.of("preliminary, then withdrawn", List.of("preliminary/30", "withdrawn/20"), "withdrawn/20"),
                Arguments.of("a preliminary never replaces a verdict", List.of("confirmed/31", "preliminary/30"), "confirmed/31"),
                Arguments.of("a correction judged again", List.of("confirmed/31", "withdrawn/25"), "withdrawn/25"),
                Arguments.of("a replay of the same alerts", List.of("preliminary/30", "confirmed/31", "preliminary/30", "confirmed/31"), "confirmed/31"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertRecords")
    void anAlertRowKeepsTheVerdict(String what, List<String> records, String expected) throws Exception {
        String database = postgres.createDatabase("alerts_" + ++databases);
        try (Connection connection = postgres.connect(database)) {
            PostgresTables.create(connection, PostgresTables.alertsDdl("dkim_trend_alerts"));
            for (String record : records) {
                String[] f = record.split("/");
                Alert alert = new Alert();
                alert.series = "all";
                alert.day = "2026-11-04";
                alert.metric = "dkimFail";
                alert.status = f[0];
                alert.observed = Double.parseDouble(f[1]);
                alert.severity = "high";
                alert.emittedAt = "2026-11-04T12:00:00Z";
                try (PreparedStatement statement = connection.prepareStatement(PostgresTables.alertsUpsert("dkim_trend_alerts"))) {
                    PostgresTables.bind(statement, alert);
                    statement.executeUpdate();
                }
            }
            assertThat(PostgresRows.readAlerts(connection, "dkim_trend_alerts"))
                    .extracting(a -> a.status + "/" + Math.round(a.observed)).containsExactly(expected);
        }
    }

    @Test
    void tablesCanBeCreatedAgainAndInASchema() throws Exception {
        String database = postgres.createDatabase("schemas");
        try (Connection connection = postgres.connect(database)) {
            connection.createStatement().execute("CREATE SCHEMA soc");
            for (int i = 0; i < 2; i++) {
                PostgresTables.create(connection, PostgresTables.metricsDdl("soc.daily"));
                PostgresTables.create(connection, PostgresTables.alertsDdl("soc.alerts"));
            }
            DayMetric day = day("9/final/3", "2026-11-04T00:10:00Z");
            try (PreparedStatement statement = connection.prepareStatement(PostgresTables.metricsUpsert("soc.daily"))) {
                PostgresTables.bind(statement, day);
                statement.executeUpdate();
            }
            DayMetric read = PostgresRows.readMetrics(connection, "soc.daily").get(0);
            assertThat(read).usingRecursiveComparison().isEqualTo(day);
        }
        assertThat(postgres.query(database, "SELECT indexname FROM pg_indexes WHERE schemaname = 'soc' ORDER BY 1"))
                .extracting(row -> row.get("indexname"))
                .containsExactly("alerts_day_idx", "alerts_pkey", "daily_day_idx", "daily_pkey");
    }

    private static void write(Connection connection, DayMetric metric) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PostgresTables.metricsUpsert("dkim_trend_daily"))) {
            PostgresTables.bind(statement, metric);
            statement.executeUpdate();
        }
    }

    private static DayMetric day(String record, String emittedAt) {
        String[] f = record.split("/");
        DayMetric m = new DayMetric();
        m.series = "all";
        m.day = "2026-11-03";
        m.windowStart = "2026-11-03T00:00:00Z";
        m.windowEnd = "2026-11-04T00:00:00Z";
        m.zone = "UTC";
        m.emails = Long.parseLong(f[0]);
        m.dkimFail = m.emails / 2;
        m.dkim.fail = m.dkimFail;
        m.dkim.pass = m.emails - m.dkimFail;
        m.dkimFailRatio = m.emails == 0 ? 0 : Math.round(10_000.0 * m.dkimFail / m.emails) / 10_000.0;
        m.failingDomains = 1;
        m.topDkimFailDomains = new ArrayList<>(List.of(new DomainFailures("tailspin.io", m.dkimFail, m.emails)));
        m.isFinal = f[1].equals("final");
        m.revision = Integer.parseInt(f[2]);
        m.emittedAt = emittedAt;
        return m;
    }
}
