package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The database password comes from the environment or the properties file, never the command line. */
class JdbcPasswordTest {

    private static final String URL = "jdbc:postgresql://db:5432/soc";
    private static final String SECRET = "s3cr3t-pg";

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsOverTheFile() throws Exception {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "jdbc.password=from-file\nkafka.client.id=x\n");
        assertThat(JobConfig.fromArgs(Map.of(), "--jdbc-url", URL, "--kafka-properties", file.toString()).jdbcPassword)
                .isEqualTo("from-file");
        assertThat(JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, "from-env"), "--jdbc-url", URL,
                "--kafka-properties", file.toString()).jdbcPassword).isEqualTo("from-env");
        assertThat(JobConfig.fromArgs(Map.of(), "--jdbc-url", URL).jdbcPassword).isNull();
    }

    @Test
    void theEnvironmentVariableIsNoKafkaProperty() {
        JobConfig config = JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, SECRET), "--jdbc-url", URL);
        assertThat(config.sourceKafkaProperties()).isEmpty();
        assertThat(config.sinkKafkaProperties()).isEmpty();
    }

    @Test
    void aSerializedConfigurationCarriesNoPassword() throws Exception {
        JobConfig config = JobConfig.fromArgs(Map.of(JdbcPassword.ENVIRONMENT, SECRET), "--jdbc-url", URL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).contains("dkim_trend_daily");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --jdbc-url jdbc:postgresql://db/soc?user=u&password=s3cr3t-pg   | --jdbc-url must not carry a password
            --jdbc-url jdbc:postgresql://db/soc?PASSWORD=s3cr3t-pg          | --jdbc-url must not carry a password
            --jdbc-url jdbc:mysql://db/soc                                  | must be a PostgreSQL URL
            --jdbc-password s3cr3t-pg                                       | unknown flag --jdbc-password
            --jdbc-url jdbc:postgresql://db/soc --jdbc-table daily;drop     | take a table name
            --jdbc-url jdbc:postgresql://db/soc --jdbc-alerts-table a.b.c   | take a table name
            --jdbc-url jdbc:postgresql://db/soc --jdbc-alerts-table dkim_trend_daily | must differ
            """)
    void refusesWithoutQuotingTheSecret(String args, String message) {
        assertThatThrownBy(() -> JobConfig.fromArgs(Map.of(), args.trim().split(" +")))
                .hasMessageContaining(message).hasMessageNotContaining(SECRET);
    }

    @Test
    void tablesHaveDefaultsAndMayNameASchema() {
        JobConfig config = JobConfig.fromArgs(Map.of(), "--jdbc-url", URL, "--jdbc-user", "trend",
                "--jdbc-table", "soc.daily", "--jdbc-alerts-table", "soc.alerts");
        assertThat(config.jdbcTable).isEqualTo("soc.daily");
        assertThat(config.jdbcAlertsTable).isEqualTo("soc.alerts");
        assertThat(config.jdbcUser).isEqualTo("trend");
        assertThat(config.metricsToStdout()).isFalse();
        JobConfig defaults = JobConfig.fromArgs(Map.of(), "--jdbc-url", URL);
        assertThat(defaults.jdbcTable).isEqualTo("dkim_trend_daily");
        assertThat(defaults.jdbcAlertsTable).isEqualTo("dkim_trend_alerts");
    }
}
