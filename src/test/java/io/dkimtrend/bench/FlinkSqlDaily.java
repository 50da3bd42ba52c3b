package io.dkimtrend.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.parse.MessageParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.util.FileUtils;

/**
 * Step 4, the peer: the same daily count written as a Flink user would write it in Flink SQL, on
 * the same runtime, in BATCH mode. The filesystem connector's {@code json} format reads only the
 * declared columns of each envelope; {@code UNNEST} makes a row per record; rows of other tables
 * are filtered out by category. Like the parse path it counts every row (no deduplication).
 *
 * <p>The Timestamp comes in several forms ({@code Z}, seven fractional digits, an offset such as
 * {@code +02:00}, no zone at all, meaning UTC). {@code TO_TIMESTAMP_LTZ} with a pattern ignores an
 * offset it parses, so the query cuts the offset off and passes it as the time zone instead.
 */
final class FlinkSqlDaily {

    static final String DAILY_COUNTS = """
            INSERT INTO daily_counts
            SELECT `day`, COUNT(*) AS emails, SUM(CASE WHEN dkim = 'fail' THEN 1 ELSE 0 END) AS dkim_fail
            FROM (
              SELECT CAST(TO_TIMESTAMP_LTZ(SUBSTRING(ts FROM 1 FOR 19), 'yyyy-MM-dd''T''HH:mm:ss',
                       CASE WHEN ts LIKE '%+__:__' OR ts LIKE '%-__:__' THEN RIGHT(ts, 6) ELSE 'UTC' END)
                       AS DATE) AS `day`,
                     LOWER(JSON_VALUE(details, '$.DKIM')) AS dkim
              FROM (
                SELECT r.properties.`Timestamp` AS ts, r.properties.AuthenticationDetails AS details
                FROM envelopes CROSS JOIN UNNEST(envelopes.records) AS r (category, properties)
                WHERE r.category = '{category}'
              )
            )
            WHERE `day` IS NOT NULL
            GROUP BY `day`
            """.replace("{category}", MessageParser.EMAIL_EVENTS);

    record Outcome(StepResult result, DailyTotals totals) {}

    private FlinkSqlDaily() {}

    static Outcome run(BenchInput input, long rows, int parallelism, int startupRuns) throws Exception {
        long startup = Startup.fastestOf(startupRuns, () -> query(input.fiveLines(), parallelism).nanos);
        ProcessMemory.resetPeak();
        Query query = query(input.file(), parallelism);
        return new Outcome(new StepResult("4 Flink SQL, file", parallelism, rows, input.bytes(), query.nanos,
                startup, ProcessMemory.peakKb()), query.totals);
    }

    record Query(long nanos, DailyTotals totals) {}

    static Query query(Path events, int parallelism) throws Exception {
        Path out = Files.createTempDirectory("dkim-trend-bench-sql-");
        try {
            long start = System.nanoTime();
            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode()
                    .withConfiguration(configuration(parallelism)).build());
            sql.executeSql(envelopesTable(events));
            sql.executeSql(dailyCountsTable(out));
            sql.executeSql(DAILY_COUNTS).await();
            long nanos = System.nanoTime() - start;
            return new Query(nanos, readCounts(out));
        } finally {
            FileUtils.deleteDirectoryQuietly(out.toFile());
        }
    }

    private static Configuration configuration(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // CAST(... AS DATE) of a TIMESTAMP_LTZ takes the day in the session's zone
        conf.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
        return conf;
    }

    /** Only the columns the query needs are declared; the format skips the rest of each record. */
    private static String envelopesTable(Path events) {
        return """
                CREATE TEMPORARY TABLE envelopes (
                  records ARRAY<ROW<category STRING, properties ROW<`Timestamp` STRING, AuthenticationDetails STRING>>>
                ) WITH (
                  'connector' = 'filesystem',
                  'path' = '%s',
                  'format' = 'json',
                  'json.ignore-parse-errors' = 'true'
                )""".formatted(events.toUri());
    }

    private static String dailyCountsTable(Path out) {
        return """
                CREATE TEMPORARY TABLE daily_counts (`day` DATE, emails BIGINT, dkim_fail BIGINT) WITH (
                  'connector' = 'filesystem',
                  'path' = '%s',
                  'format' = 'json'
                )""".formatted(out.toUri());
    }

    private static DailyTotals readCounts(Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        DailyTotals totals = new DailyTotals();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) continue;
                JsonNode row = mapper.readTree(line);
                totals.add(LocalDate.parse(row.get("day").asText()), row.get("emails").asLong(),
                        row.get("dkim_fail").asLong());
            }
        }
        return totals;
    }
}
