package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.chart.ChartCommand;
import io.dkimtrend.config.JdbcPassword;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.PostgresRows;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.PostgresExtension;
import io.dkimtrend.testing.PostgresServer;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL sink on a real server (started on 127.0.0.1 by the test) behind the whole job: a
 * replay of the bundled sample leaves the exact true series and the sample's alerts in the tables,
 * and a second replay of the same events changes not one row.
 */
@ExtendWith(PostgresExtension.class)
class PostgresSinkIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(PostgresServer server) {
        postgres = server;
    }

    @Test
    void aReplayLeavesTheExactSeriesAndASecondOneChangesNothing() throws Exception {
        String database = postgres.createDatabase("replay");
        DkimTrendJob.run(replay(database, "--metrics-file", dir.resolve("metrics").toString(), "--parallelism", "2"));

        List<DayMetric> days = read(database);
        assertThat(SampleBundle.series(days)).containsExactlyEntriesOf(SampleBundle.expectedSeries("daily-utc-dedup.csv"));
        assertThat(days).as("one final row per day").allSatisfy(day -> assertThat(day.isFinal).isTrue());
        // Every field as the files of the same run hold it.
        assertThat(days).usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedAt")
                .containsExactlyElementsOf(SeriesTable.newestFinal(MetricsFiles.read(dir.resolve("metrics"))));
        assertThat(SampleBundle.alertKeys(alerts(database))).containsExactlyElementsOf(SampleBundle.SAMPLE_ALERTS);

        writeQuery(database, "SELECT series, day, emails, dkim_fail, dkim_fail_ratio, dkim_pass, dkim_none, dkim_other, "
                + "final, revision FROM dkim_trend_daily ORDER BY series, day");

        List<Map<String, Object>> rows = everyRow(database);
        DkimTrendJob.run(replay(database));
        assertThat(everyRow(database)).as("rows (with xmin) after a second replay").isEqualTo(rows);

        // The chart command draws the table, the password read from the properties file.
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "jdbc.password=" + postgres.password() + "\n");
        Path png = dir.resolve("trend.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ChartCommand.run(new String[] {"--jdbc-url", postgres.jdbcUrl(database), "--jdbc-user",
                PostgresServer.USER, "--kafka-properties", secrets.toString(), "--chart", png.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(png).isNotEmptyFile();
    }

    /** The query's rows as psql prints them, into target/ (the README's and the closing note's example). */
    private static void writeQuery(String database, String sql) throws Exception {
        List<Map<String, Object>> rows = postgres.query(database, sql);
        StringBuilder text = new StringBuilder(sql).append("\n");
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        text.append(String.join(" | ", columns)).append("\n");
        for (Map<String, Object> row : rows) {
            text.append(String.join(" | ", columns.stream().map(c -> String.valueOf(row.get(c))).toList())).append("\n");
        }
        text.append("(").append(rows.size()).append(" rows)\n");
        Files.writeString(Path.of("target", "postgres-replay-query.txt"), text);
    }

    private static JobConfig replay(String database, String... more) {
        List<String> args = new ArrayList<>(List.of("--events", SampleBundle.EVENTS.toString(),
                "--jdbc-url", postgres.jdbcUrl(database), "--jdbc-user", PostgresServer.USER));
        args.addAll(List.of(more));
        return JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, postgres.password()), args.toArray(String[]::new));
    }

    private static List<DayMetric> read(String database) throws Exception {
        try (Connection connection = postgres.connect(database)) {
            return PostgresRows.readMetrics(connection, "dkim_trend_daily");
        }
    }

    private static List<Alert> alerts(String database) throws Exception {
        try (Connection connection = postgres.connect(database)) {
            return PostgresRows.readAlerts(connection, "dkim_trend_alerts");
        }
    }

    /** Every row of both tables with its xmin, the transaction that last wrote it. */
    private static List<Map<String, Object>> everyRow(String database) {
        List<Map<String, Object>> rows = new ArrayList<>(
                postgres.query(database, "SELECT xmin::text AS xmin, * FROM dkim_trend_daily ORDER BY series, day"));
        rows.addAll(postgres.query(database, "SELECT xmin::text AS xmin, * FROM dkim_trend_alerts ORDER BY series, day, metric"));
        return rows;
    }
}
