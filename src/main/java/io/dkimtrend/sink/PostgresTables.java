package io.dkimtrend.sink;

import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The two PostgreSQL tables of the series: their DDL and the upserts that keep the newest record of
 * each key whatever order and however often records arrive. {@code readback/PostgresRows} reads
 * them back.
 *
 * <p>A day row is replaced only by a record that ranks higher by {@code (final, revision)}: a final
 * record beats any running one (after a restart from a checkpoint, an open-looking running record of
 * a closed day can carry a higher revision than its final), and among records of the same finality
 * the higher revision wins. On a tie the row changes only if the record's values differ (a restart
 * that counted the same revision differently), never for a new {@code emitted_at} alone: so a replay
 * of the same events changes nothing, and at-least-once delivery plus this upsert leaves each row as
 * the newest record of one clean run.
 *
 * <p>An alert row is replaced by any later record of the same series, day and metric with other
 * values, except that a preliminary alert never replaces the verdict (confirmed, withdrawn) of a
 * closed day.
 */
public final class PostgresTables {

    private static final String[] METRIC_COLUMNS = {
        "series", "day", "window_start", "window_end", "zone", "emails", "dkim_fail", "dkim_fail_ratio",
        "dkim_pass", "dkim_none", "dkim_other", "spf_fail", "dmarc_fail", "comp_auth_fail", "failing_domains",
        "top_dkim_fail_domains", "final", "revision", "emitted_at"
    };

    private static final String[] ALERT_COLUMNS = {
        "series", "day", "metric", "observed", "expected", "upper", "score", "severity", "status", "emails",
        "dkim_fail", "dkim_fail_ratio", "baseline_days", "drivers", "emitted_at"
    };

    private PostgresTables() {}

    /** The day records' table and its index on {@code day}. */
    public static List<String> metricsDdl(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (\n"
                + "  series                text             NOT NULL,\n"
                + "  day                   date             NOT NULL,\n"
                + "  window_start          timestamptz      NOT NULL,\n"
                + "  window_end            timestamptz      NOT NULL,\n"
                + "  zone                  text             NOT NULL,\n"
                + "  emails                bigint           NOT NULL,\n"
                + "  dkim_fail             bigint           NOT NULL,\n"
                + "  dkim_fail_ratio       double precision NOT NULL,\n"
                + "  dkim_pass             bigint           NOT NULL,\n"
                + "  dkim_none             bigint           NOT NULL,\n"
                + "  dkim_other            bigint           NOT NULL,\n"
                + "  spf_fail              bigint           NOT NULL,\n"
                + "  dmarc_fail            bigint           NOT NULL,\n"
                + "  comp_auth_fail        bigint           NOT NULL,\n"
                + "  failing_domains       integer,\n"
                + "  top_dkim_fail_domains jsonb,\n"
                + "  final                 boolean          NOT NULL,\n"
                + "  revision              integer          NOT NULL,\n"
                + "  emitted_at            timestamptz      NOT NULL,\n"
                + "  PRIMARY KEY (series, day)\n"
                + ")",
                "CREATE INDEX IF NOT EXISTS " + indexName(table) + " ON " + table + " (day)");
    }

    /** The alerts' table and its index on {@code day}. */
    public static List<String> alertsDdl(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (\n"
                + "  series          text             NOT NULL,\n"
                + "  day             date             NOT NULL,\n"
                + "  metric          text             NOT NULL,\n"
                + "  observed        double precision NOT NULL,\n"
                + "  expected        double precision NOT NULL,\n"
                + "  upper           double precision NOT NULL,\n"
                + "  score           double precision NOT NULL,\n"
                + "  severity        text,\n"
                + "  status          text             NOT NULL,\n"
                + "  emails          bigint           NOT NULL,\n"
                + "  dkim_fail       bigint           NOT NULL,\n"
                + "  dkim_fail_ratio double precision NOT NULL,\n"
                + "  baseline_days   integer          NOT NULL,\n"
                + "  drivers         jsonb,\n"
                + "  emitted_at      timestamptz      NOT NULL,\n"
                + "  PRIMARY KEY (series, day, metric)\n"
                + ")",
                "CREATE INDEX IF NOT EXISTS " + indexName(table) + " ON " + table + " (day)");
    }

    /** {@code dkim_trend_daily_day_idx}; an index lives in its table's schema, so its name is unqualified. */
    private static String indexName(String table) {
        return table.substring(table.lastIndexOf('.') + 1) + "_day_idx";
    }

    public static String metricsUpsert(String table) {
        List<String> values = values(METRIC_COLUMNS, "series", "day", "final", "revision", "emitted_at");
        return insert(table, "t", METRIC_COLUMNS, "top_dkim_fail_domains") + "\nON CONFLICT (series, day) DO UPDATE SET "
                + assignments(METRIC_COLUMNS, 2)
                + "\nWHERE (excluded.final, excluded.revision) > (t.final, t.revision)"
                + "\n   OR (excluded.final, excluded.revision) = (t.final, t.revision)"
                + " AND " + row("excluded", values) + " IS DISTINCT FROM " + row("t", values);
    }

    public static String alertsUpsert(String table) {
        List<String> values = values(ALERT_COLUMNS, "series", "day", "metric", "emitted_at");
        return insert(table, "a", ALERT_COLUMNS, "drivers") + "\nON CONFLICT (series, day, metric) DO UPDATE SET "
                + assignments(ALERT_COLUMNS, 3)
                + "\nWHERE NOT (excluded.status = '" + Alert.PRELIMINARY + "' AND a.status <> '" + Alert.PRELIMINARY + "')"
                + "\n  AND " + row("excluded", values) + " IS DISTINCT FROM " + row("a", values);
    }

    private static String insert(String table, String alias, String[] columns, String jsonColumn) {
        List<String> placeholders = new ArrayList<>();
        for (String column : columns) {
            placeholders.add(column.equals(jsonColumn) ? "CAST(? AS jsonb)" : "?");
        }
        return "INSERT INTO " + table + " AS " + alias + " (" + String.join(", ", columns) + ")\nVALUES ("
                + String.join(", ", placeholders) + ")";
    }

    private static String assignments(String[] columns, int keyColumns) {
        List<String> set = new ArrayList<>();
        for (int i = keyColumns; i < columns.length; i++) {
            set.add(columns[i] + " = excluded." + columns[i]);
        }
        return String.join(", ", set);
    }

    private static List<String> values(String[] columns, String... leftOut) {
        List<String> values = new ArrayList<>(List.of(columns));
        values.removeAll(List.of(leftOut));
        return values;
    }

    private static String row(String alias, List<String> columns) {
        return "(" + String.join(", ", columns.stream().map(c -> alias + "." + c).toList()) + ")";
    }

    /** Binds a day record to {@link #metricsUpsert}'s parameters. */
    public static void bind(PreparedStatement statement, DayMetric m) throws SQLException {
        int i = 0;
        statement.setString(++i, m.series);
        statement.setObject(++i, LocalDate.parse(m.day));
        statement.setObject(++i, timestamp(m.windowStart));
        statement.setObject(++i, timestamp(m.windowEnd));
        statement.setString(++i, m.zone);
        statement.setLong(++i, m.emails);
        statement.setLong(++i, m.dkimFail);
        statement.setDouble(++i, m.dkimFailRatio);
        statement.setLong(++i, m.dkim.pass);
        statement.setLong(++i, m.dkim.none);
        statement.setLong(++i, m.dkim.other);
        statement.setLong(++i, m.spfFail);
        statement.setLong(++i, m.dmarcFail);
        statement.setLong(++i, m.compAuthFail);
        if (m.failingDomains == null) {
            statement.setNull(++i, Types.INTEGER);
        } else {
            statement.setInt(++i, m.failingDomains);
        }
        statement.setString(++i, m.topDkimFailDomains == null ? null : Json.toString(m.topDkimFailDomains));
        statement.setBoolean(++i, m.isFinal);
        statement.setInt(++i, m.revision);
        statement.setObject(++i, timestamp(m.emittedAt));
    }

    /** Binds an alert to {@link #alertsUpsert}'s parameters. */
    public static void bind(PreparedStatement statement, Alert a) throws SQLException {
        int i = 0;
        statement.setString(++i, a.series);
        statement.setObject(++i, LocalDate.parse(a.day));
        statement.setString(++i, a.metric);
        statement.setDouble(++i, a.observed);
        statement.setDouble(++i, a.expected);
        statement.setDouble(++i, a.upper);
        statement.setDouble(++i, a.score);
        statement.setString(++i, a.severity);
        statement.setString(++i, a.status);
        statement.setLong(++i, a.emails);
        statement.setLong(++i, a.dkimFail);
        statement.setDouble(++i, a.dkimFailRatio);
        statement.setInt(++i, a.baselineDays);
        statement.setString(++i, a.drivers == null ? null : Json.toString(a.drivers));
        statement.setObject(++i, timestamp(a.emittedAt));
    }

    /** Creates the tables that are missing; one creator at a time (parallel sink tasks race otherwise). */
    public static void create(Connection connection, List<String> ddl) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + "dkim-trend tables".hashCode() + ")");
            for (String sql : ddl) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static OffsetDateTime timestamp(String instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }
}
