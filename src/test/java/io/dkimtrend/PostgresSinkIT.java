package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JdbcPassword;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.sink.MetricsFiles;
import io.dkimtrend.sink.PostgresTables;
import io.dkimtrend.sink.SeriesTable;
import io.dkimtrend.testing.PostgresServer;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL sink on a real server (started on 127.0.0.1 by the test) behind the whole job: a
 * replay of the bundled sample leaves the exact true series and the sample's alerts in the tables,
 * and a second replay of the same events changes not one row.
 */
class PostgresSinkIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) postgres.close();
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

        List<Map<String, Object>> rows = everyRow(database);
        DkimTrendJob.run(replay(database));
        assertThat(everyRow(database)).as("rows (with xmin) after a second replay").isEqualTo(rows);
    }

    private static JobConfig replay(String database, String... more) {
        List<String> args = new ArrayList<>(List.of("--events", SampleBundle.EVENTS.toString(),
                "--jdbc-url", postgres.jdbcUrl(database), "--jdbc-user", PostgresServer.USER));
        args.addAll(List.of(more));
        return JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, postgres.password()), args.toArray(String[]::new));
    }

    private static List<DayMetric> read(String database) throws Exception {
        try (Connection connection = postgres.connect(database)) {
            return PostgresTables.readMetrics(connection, "dkim_trend_daily");
        }
    }

    private static List<Alert> alerts(String database) throws Exception {
        try (Connection connection = postgres.connect(database)) {
            return PostgresTables.readAlerts(connection, "dkim_trend_alerts");
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
