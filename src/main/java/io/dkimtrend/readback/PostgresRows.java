package io.dkimtrend.readback;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DomainDriver;
import io.dkimtrend.model.DomainFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads back what {@code --jdbc-url} wrote (for the chart command): the rows of the two tables whose
 * DDL and upserts are {@code sink/PostgresTables}, as day records and alerts.
 */
public final class PostgresRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PostgresRows() {}

    /** A connection to the database of {@code --jdbc-url}, for reading the tables back. */
    public static Connection connect(JobConfig config) throws SQLException {
        Properties properties = new Properties();
        if (config.jdbcUser != null) properties.setProperty("user", config.jdbcUser);
        if (config.jdbcPassword != null) properties.setProperty("password", config.jdbcPassword);
        return DriverManager.getConnection(config.jdbcUrl, properties);
    }

    /** Every row of a day records' table as records, by series and day. */
    public static List<DayMetric> readMetrics(Connection connection, String table) throws SQLException {
        List<DayMetric> metrics = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY series, day")) {
            while (rows.next()) {
                DayMetric m = new DayMetric();
                m.series = rows.getString("series");
                m.day = rows.getObject("day", LocalDate.class).toString();
                m.windowStart = instant(rows, "window_start");
                m.windowEnd = instant(rows, "window_end");
                m.zone = rows.getString("zone");
                m.emails = rows.getLong("emails");
                m.dkimFail = rows.getLong("dkim_fail");
                m.dkimFailRatio = rows.getDouble("dkim_fail_ratio");
                m.dkim.pass = rows.getLong("dkim_pass");
                m.dkim.fail = m.dkimFail;
                m.dkim.none = rows.getLong("dkim_none");
                m.dkim.other = rows.getLong("dkim_other");
                m.spfFail = rows.getLong("spf_fail");
                m.dmarcFail = rows.getLong("dmarc_fail");
                m.compAuthFail = rows.getLong("comp_auth_fail");
                m.failingDomains = (Integer) rows.getObject("failing_domains");
                m.topDkimFailDomains = json(rows.getString("top_dkim_fail_domains"), new TypeReference<List<DomainFailures>>() {});
                m.isFinal = rows.getBoolean("final");
                m.revision = rows.getInt("revision");
                m.emittedAt = instant(rows, "emitted_at");
                metrics.add(m);
            }
        }
        return metrics;
    }

    /** Every row of an alerts table as alerts, by series, day and metric. */
    public static List<Alert> readAlerts(Connection connection, String table) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY series, day, metric")) {
            while (rows.next()) {
                Alert a = new Alert();
                a.series = rows.getString("series");
                a.day = rows.getObject("day", LocalDate.class).toString();
                a.metric = rows.getString("metric");
                a.observed = rows.getDouble("observed");
                a.expected = rows.getDouble("expected");
                a.upper = rows.getDouble("upper");
                a.score = rows.getDouble("score");
                a.severity = rows.getString("severity");
                a.status = rows.getString("status");
                a.emails = rows.getLong("emails");
                a.dkimFail = rows.getLong("dkim_fail");
                a.dkimFailRatio = rows.getDouble("dkim_fail_ratio");
                a.baselineDays = rows.getInt("baseline_days");
                a.drivers = json(rows.getString("drivers"), new TypeReference<List<DomainDriver>>() {});
                a.emittedAt = instant(rows, "emitted_at");
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static String instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant().toString();
    }

    private static <T> T json(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
