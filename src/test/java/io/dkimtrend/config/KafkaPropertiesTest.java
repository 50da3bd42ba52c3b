package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kafka credentials reach the clients from a file or the environment, and never a message of the job. */
class KafkaPropertiesTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"$ConnectionString\" password=\"Endpoint=sb://ns/;SharedAccessKey=s3cr3t-k3y\";";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sasl.jaas.config                            | true
            ssl.key.password                            | true
            ssl.keystore.password                       | true
            ssl.truststore.password                     | true
            sasl.oauthbearer.client.credentials.client.secret | true
            my.api.token                                | true
            ssl.keystore.key                            | true
            security.protocol                           | false
            sasl.mechanism                              | false
            request.timeout.ms                          | false
            """)
    void aPropertyIsSecretWhenItsNameSaysSo(String name, boolean secret) {
        assertThat(KafkaProperties.isSecret(name)).isEqualTo(secret);
    }

    @Test
    void aPropertiesFileFeedsTheSourceAndTheSinks() throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "kafka.security.protocol=SASL_SSL\nkafka.sasl.jaas.config=" + JAAS.replace("\\", "\\\\")
                + "\nsink-kafka.security.protocol=SASL_PLAINTEXT\n");
        JobConfig config = JobConfig.fromArgs(Map.of(), "--bootstrap-servers", "ns:9093", "--events-topic", "e",
                "--sink-bootstrap-servers", "kafka:9092", "--metrics-topic", "m", "--kafka-properties", file.toString());
        assertThat(config.sourceKafkaProperties()).containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.sinkKafkaProperties()).containsOnly(Map.entry("security.protocol", "SASL_PLAINTEXT"));
    }

    @Test
    void environmentVariablesNameTheirProperty() {
        JobConfig config = JobConfig.fromArgs(Map.of(
                        "DKIM_TREND_KAFKA_SASL_JAAS_CONFIG", JAAS,
                        "DKIM_TREND_SINK_KAFKA_SSL_TRUSTSTORE_PASSWORD", "t-pass",
                        "HOME", "/root"),
                "--bootstrap-servers", "ns:9093", "--events-topic", "e", "--sink-bootstrap-servers", "k:9092",
                "--metrics-topic", "m");
        assertThat(config.sourceKafkaProperties()).containsOnly(Map.entry("sasl.jaas.config", JAAS));
        assertThat(config.sinkKafkaProperties()).containsOnly(Map.entry("ssl.truststore.password", "t-pass"));
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "kafka.client.id=from-file\nkafka.request.timeout.ms=1\n");
        JobConfig config = JobConfig.fromArgs(Map.of("DKIM_TREND_KAFKA_CLIENT_ID", "from-env", "DKIM_TREND_KAFKA_REQUEST_TIMEOUT_MS", "2"),
                "--kafka-properties", file.toString(), "--kafka.client.id", "from-flag");
        assertThat(config.sourceKafkaProperties()).containsEntry("client.id", "from-flag")
                .containsEntry("request.timeout.ms", "2");
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorThatNamesTheKeyOnly() throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "sasl.jaas.config=" + JAAS.replace("\\", "\\\\") + "\n");
        assertThatThrownBy(() -> JobConfig.fromArgs(Map.of(), "--kafka-properties", file.toString()))
                .hasMessageContaining("has the key sasl.jaas.config").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void errorsAboutTheCommandLineNeverQuoteACredential() {
        // an unquoted JAAS line splits into several arguments: ParameterTool's own error would list them all
        assertThatThrownBy(() -> JobConfig.fromArgs(Map.of(), "--events-topic", "e", "--kafka.sasl.jaas.config",
                "PlainLoginModule", "required", "password=\"s3cr3t-k3y\";"))
                .hasMessage("cannot read the command line at argument 5: a value without a --flag before it "
                        + "(quote values that contain spaces)");
        // a password starting with '-' reads as a flag of its own
        assertThatThrownBy(() -> JobConfig.fromArgs(Map.of(), "--kafka.ssl.key.password", "-s3cr3t-k3y"))
                .hasMessageStartingWith("--kafka.ssl.key.password has no value").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void printedPropertiesHideSecretValues() {
        JobConfig config = JobConfig.fromArgs(Map.of(), "--kafka.sasl.jaas.config", JAAS, "--kafka.sasl.mechanism", "PLAIN");
        assertThat(config.kafkaProperties.toString()).isEqualTo("{sasl.jaas.config=****, sasl.mechanism=PLAIN}");
    }

    @Test
    void helpNamesTheWaysToKeepCredentialsOffTheCommandLine() {
        assertThat(JobConfig.usage()).contains("--kafka-properties FILE").contains("DKIM_TREND_KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void redactionMasksEachSecretAndEachOfItsLines() {
        assertThat(KafkaProperties.redact("login failed for " + JAAS, java.util.List.of(JAAS))).isEqualTo("login failed for ****");
        assertThat(KafkaProperties.redact("x s3cr3t-k3y y", KafkaProperties.secretValues(
                new String[] {"--kafka.ssl.key.password", "s3cr3t-k3y"}))).isEqualTo("x **** y");
    }
}
