package io.dkimtrend.config;

/**
 * Rejects a configuration that cannot work before the job starts, so that a mistake in the flags is
 * a message on the command line rather than a failure on the cluster.
 */
final class JobConfigValidator {

    private JobConfigValidator() {}

    static void validate(JobConfig config) {
        if (config.events != null && config.eventsTopic != null) {
            throw new IllegalArgumentException("give either --events or --events-topic, not both");
        }
        if (config.eventsTopic != null && config.bootstrapServers == null) {
            throw new IllegalArgumentException("--events-topic needs --bootstrap-servers");
        }
        boolean kafkaOutput = config.metricsTopic != null || config.deadLetterTopic != null
                || config.lateEventsTopic != null || config.alertsTopic != null;
        if (kafkaOutput && config.sinkBootstrapServers == null) {
            throw new IllegalArgumentException("output topics need --bootstrap-servers or --sink-bootstrap-servers");
        }
        if (!config.startingOffsets.matches("earliest|latest|committed|timestamp:\\d+")) {
            throw new IllegalArgumentException("--starting-offsets must be earliest, latest, committed or timestamp:EPOCH_MILLIS");
        }
        if (config.maxMessageBytes <= 0 || config.dedupHorizon.isNegative() || config.allowedLateness.isNegative()
                || config.maxOutOfOrderness.isNegative() || config.idleTimeout.isNegative()
                || config.maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("sizes and durations must not be negative");
        }
        if (config.range != null && config.bounded) {
            throw new IllegalArgumentException("--from/--until already bound the run; leave out --bounded");
        }
        if (config.bounded && config.fromSavepoint != null) {
            // flink-connector-kafka 5.0.0 never ends a bounded source restored from state (FLINK-31006).
            throw new IllegalArgumentException("--bounded cannot start from a savepoint: a restored bounded "
                    + "Kafka source never finishes (FLINK-31006); run without --bounded");
        }
        if (config.baselineMinDays < 7 || config.baselineDays < config.baselineMinDays || config.alertThreshold <= 0) {
            throw new IllegalArgumentException("alerts need --baseline-min-days of at least 7 (every weekday), "
                    + "--baseline-days at least that, and a positive --alert-threshold");
        }
        if (config.chart != null && !config.chart.matches("(?i).+\\.(png|svg)")) {
            throw new IllegalArgumentException("--chart must name a .png or .svg file");
        }
        if (config.chart != null && !config.isBounded()) {
            throw new IllegalArgumentException("--chart draws a bounded run when it ends; draw a live feed's "
                    + "metrics topic with the chart command");
        }
        if (config.topDomains < 0) {
            throw new IllegalArgumentException("--top-domains must not be negative");
        }
        if (config.updateInterval.isZero() || config.updateInterval.isNegative()) {
            throw new IllegalArgumentException("--update-interval must be positive");
        }
        if (config.jdbcUrl != null) {
            JdbcPassword.checkUrl(config.jdbcUrl);
            for (String table : new String[] {config.jdbcTable, config.jdbcAlertsTable}) {
                if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
                    throw new IllegalArgumentException("--jdbc-table and --jdbc-alerts-table take a table name "
                            + "(letters, digits, _), optionally schema.table");
                }
            }
            if (config.jdbcTable.equalsIgnoreCase(config.jdbcAlertsTable)) {
                throw new IllegalArgumentException("--jdbc-table and --jdbc-alerts-table must differ");
            }
        }
        if (config.stateBackend != null && !config.stateBackend.matches("hashmap|rocksdb")) {
            throw new IllegalArgumentException("--state-backend must be hashmap or rocksdb");
        }
    }
}
