package io.dkimtrend.chart;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.config.Places;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.CommittedRecords;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.PostgresRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar dkim-trend.jar chart ...}: draws, after the fact, what a run wrote: the metrics
 * files of a run, or the metrics topic of the live feed read up to its end. Takes the job's own
 * flags, so the same words name the same places: {@code --metrics-file} or {@code --metrics-topic}
 * (with {@code --bootstrap-servers}, {@code --sink-bootstrap-servers} and {@code --kafka.*} as the
 * job uses them), optionally {@code --alerts-file} or {@code --alerts-topic}, and {@code --chart}.
 */
public final class ChartCommand {

    public static final String NAME = "chart";

    private static final Duration TOPIC_TIMEOUT = Duration.ofMinutes(2);

    private ChartCommand() {}

    public static String usage() {
        return "Usage: java -jar dkim-trend.jar chart --chart PATH.png|PATH.svg\n"
                + "         (--metrics-file DIR [--alerts-file DIR]\n"
                + "          | --bootstrap-servers HOST:PORT --metrics-topic TOPIC [--alerts-topic TOPIC] [--kafka.<property> VALUE]\n"
                + "          | --jdbc-url URL [--jdbc-user NAME] [--jdbc-table TABLE] [--jdbc-alerts-table TABLE])\n"
                + "Draws the newest final record of each day, and the days with a spike alert.\n";
    }

    /** Runs the command with the arguments after {@code chart}; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        JobConfig config;
        try {
            config = JobConfig.fromArgs(args);
            if (config.help) {
                out.print(usage());
                return 0;
            }
            requireInputAndOutput(config);
        } catch (IllegalArgumentException e) {
            err.println("dkim-trend chart: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        try {
            String title = ChartFiles.draw(metrics(config), alerts(config), Path.of(config.chart));
            out.println(title + ": chart written to " + config.chart);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("dkim-trend chart: " + e.getMessage());
            return 1;
        }
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && args[0].equals(NAME);
    }

    public static String[] argumentsOf(String[] args) {
        return Arrays.copyOfRange(args, 1, args.length);
    }

    private static void requireInputAndOutput(JobConfig config) {
        if (config.chart == null) {
            throw new IllegalArgumentException("--chart PATH is needed");
        }
        int inputs = (config.metricsFile == null ? 0 : 1) + (config.metricsTopic == null ? 0 : 1)
                + (config.jdbcUrl == null ? 0 : 1);
        if (inputs != 1) {
            throw new IllegalArgumentException("give one of --metrics-file, --metrics-topic or --jdbc-url");
        }
        if (config.events != null || config.eventsTopic != null) {
            throw new IllegalArgumentException("the chart command reads what a run wrote, not events");
        }
    }

    static List<DayMetric> metrics(JobConfig config) throws IOException {
        if (config.jdbcUrl != null) {
            try (Connection connection = PostgresRows.connect(config)) {
                return PostgresRows.readMetrics(connection, config.jdbcTable);
            } catch (SQLException e) {
                throw new IOException("cannot read table " + config.jdbcTable + ": " + e.getMessage(), e);
            }
        }
        if (config.metricsFile != null && !Files.isDirectory(Places.local(config.metricsFile))) {
            // a mistyped folder must not pass for a run that wrote nothing
            throw new IOException("no metrics folder " + config.metricsFile);
        }
        return config.metricsFile != null
                ? MetricsFiles.read(Places.local(config.metricsFile))
                : CommittedRecords.read(config.sinkBootstrapServers, config.sinkKafkaProperties(), config.metricsTopic,
                        DayMetric.class, TOPIC_TIMEOUT);
    }

    static List<Alert> alerts(JobConfig config) throws IOException {
        if (config.alertsFile != null) {
            return MetricsFiles.read(Places.local(config.alertsFile), Alert.class);
        }
        if (config.alertsTopic != null) {
            return CommittedRecords.read(config.sinkBootstrapServers, config.sinkKafkaProperties(), config.alertsTopic,
                    Alert.class, TOPIC_TIMEOUT);
        }
        if (config.jdbcUrl != null) {
            try (Connection connection = PostgresRows.connect(config)) {
                return PostgresRows.readAlerts(connection, config.jdbcAlertsTable);
            } catch (SQLException e) {
                throw new IOException("cannot read table " + config.jdbcAlertsTable + ": " + e.getMessage(), e);
            }
        }
        return List.of();
    }
}
