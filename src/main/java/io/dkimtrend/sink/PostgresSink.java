package io.dkimtrend.sink;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import java.sql.Connection;
import java.sql.SQLException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import org.apache.flink.connector.jdbc.datasource.statements.SimpleJdbcQueryStatement;
import org.apache.flink.connector.jdbc.internal.JdbcOutputSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Day records and alerts upserted into PostgreSQL through Flink's JDBC sink ({@code --jdbc-url}).
 *
 * <p>At least once, and exact: the sink flushes its batch at every checkpoint (and every second), a
 * failure replays the records since the last checkpoint, and {@link PostgresTables}' upserts keep the
 * newest record of each key however often it arrives. Flink's exactly-once JDBC sink (XA
 * transactions) would add prepared transactions that the database must allow and that a crashed job
 * leaves open, for nothing the upsert does not already give. A database that is down fails the
 * batch after a few retries, so the job restarts from its last checkpoint and writes again once the
 * database is back.
 */
public final class PostgresSink {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    private static final String DRIVER = "org.postgresql.Driver";
    /** Rows per batch; a batch is also written every second, and at every checkpoint. */
    private static final int BATCH_SIZE = 500;
    private static final long BATCH_INTERVAL_MS = 1_000;
    /** Retries of a failed batch, reconnecting, 1, 2, 3 s apart; then the job restarts. */
    private static final int MAX_RETRIES = 3;

    private PostgresSink() {}

    public static void metrics(DataStream<DayMetric> metrics, JobConfig config) {
        String table = config.jdbcTable;
        sink(metrics, config, PostgresTables.metricsDdl(table), PostgresTables.metricsUpsert(table),
                (statement, metric) -> PostgresTables.bind(statement, metric), "metrics", table);
    }

    public static void alerts(DataStream<Alert> alerts, JobConfig config) {
        String table = config.jdbcAlertsTable;
        sink(alerts, config, PostgresTables.alertsDdl(table), PostgresTables.alertsUpsert(table),
                (statement, alert) -> PostgresTables.bind(statement, alert), "alerts", table);
    }

    private static <T> void sink(DataStream<T> stream, JobConfig config, List<String> ddl, String upsert,
            JdbcStatementBuilder<T> binder, String name, String table) {
        JdbcStatementBuilder<T> checked = (statement, record) -> {
            if (statement == null) {
                // JdbcOutputFormat retries a batch after a failed reconnection without a statement:
                // an SQLException makes it reconnect again instead of failing with a NullPointerException.
                throw new SQLException("no statement: the connection to the database was lost");
            }
            binder.accept(statement, record);
        };
        JdbcExecutionOptions execution = JdbcExecutionOptions.builder()
                .withBatchSize(BATCH_SIZE)
                .withBatchIntervalMs(BATCH_INTERVAL_MS)
                .withMaxRetries(MAX_RETRIES)
                .build();
        JdbcSink<T> sink = new Upserts<>(new CreatingTables(options(config), ddl), execution,
                new SimpleJdbcQueryStatement<>(upsert, checked));
        stream.sinkTo(sink).name(name + " to PostgreSQL table " + table).uid(name + "-postgres-sink");
    }

    private static JdbcConnectionOptions options(JobConfig config) {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(config.jdbcUrl)
                .withDriverName(DRIVER)
                .withUsername(config.jdbcUser)
                .withPassword(config.jdbcPassword)
                .build();
    }

    /**
     * Flink's at-least-once JDBC sink, with writers whose {@code close} never throws: after a failure
     * the connector's close tries the batch once more, and when the database is still away its
     * exception, thrown inside Flink's failure handling, is fatal to the whole TaskManager
     * (flink-connector-jdbc 4.0.0). The rows of that batch are not lost: no checkpoint completed
     * without them, so the restarted job writes them again.
     */
    private static final class Upserts<T> extends JdbcSink<T> {
        private static final long serialVersionUID = 1L;

        private final JdbcConnectionProvider connections;
        private final JdbcExecutionOptions execution;
        private final JdbcQueryStatement<T> statement;

        Upserts(JdbcConnectionProvider connections, JdbcExecutionOptions execution, JdbcQueryStatement<T> statement) {
            super(DeliveryGuarantee.AT_LEAST_ONCE, connections, execution, JdbcExactlyOnceOptions.defaults(), statement);
            this.connections = connections;
            this.execution = execution;
            this.statement = statement;
        }

        @Override
        public JdbcWriter<T> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> recovered)
                throws IOException {
            return new JdbcWriter<>(connections, execution, JdbcExactlyOnceOptions.defaults(), statement,
                    JdbcOutputSerializer.of(context.createInputSerializer(), context.isObjectReuseEnabled()),
                    DeliveryGuarantee.AT_LEAST_ONCE, recovered, context) {
                @Override
                public void close() {
                    try {
                        super.close();
                    } catch (Exception e) {
                        LOG.warn("Closing the PostgreSQL writer failed; the rows since the last checkpoint are "
                                + "written again after the restart", e);
                    }
                }
            };
        }
    }

    /** Flink's connection provider that creates the missing tables on each new connection. */
    private static final class CreatingTables extends SimpleJdbcConnectionProvider {
        private static final long serialVersionUID = 1L;

        private final List<String> ddl;
        private transient boolean created;

        CreatingTables(JdbcConnectionOptions options, List<String> ddl) {
            super(options);
            this.ddl = List.copyOf(ddl);
        }

        @Override
        public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
            Connection connection = super.getOrEstablishConnection();
            if (!created) {
                PostgresTables.create(connection, ddl);
                created = true;
            }
            return connection;
        }
    }
}
