package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.testing.CapturedLogs;
import io.dkimtrend.testing.FlinkRest;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job reads and writes through a broker that takes only SASL/PLAIN over TLS, with the source's
 * credentials in a {@code --kafka-properties} file and the sinks' in environment variables; the
 * password and the trust store's password then appear in no log line (every logger at INFO), in
 * nothing Flink's REST API shows of the cluster and the job, and in no error, also of a job whose
 * password is wrong.
 */
class KafkaCredentialsIT {

    private static final String USER = "dkim-trend";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

    /** No restarts: a job that cannot log in fails at once, and its error can be read. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster(
            new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "none"));

    private static KafkaBroker kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.startWithSaslSsl(Map.of(USER, PASSWORD, "admin", "admin-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    @Test
    void theJobUsesItsCredentialsAndShowsThemNowhere() throws Exception {
        kafka.createTopic("secured-events", 1);
        kafka.createTopic("secured-metrics", 1);
        kafka.createTopic("secured-dead-letters", 1);
        List<byte[]> messages = new ArrayList<>(SampleBundle.messagesInEventTimeOrder().subList(0, 50));
        messages.add(SampleBundle.emailSentNow());
        kafka.produce("secured-events", messages);
        String trustStorePassword = kafka.saslSsl().tls().trustStorePassword();

        List<String> errors = new ArrayList<>();
        Map<String, String> rest;
        try (CapturedLogs logs = CapturedLogs.atLevel(Level.INFO)) {
            JobClient job = DkimTrendJob.build(config(PASSWORD, "secured-metrics")).executeAsync("kafka-credentials");
            try {
                List<ConsumerRecord<String, String>> metrics = kafka.awaitRecords("secured-metrics", true,
                        records -> !records.isEmpty(), Duration.ofSeconds(120));
                assertThat(metrics).as("day records written through SASL_SSL").isNotEmpty();
                assertThat(kafka.consumeAll("secured-dead-letters", true, Duration.ofSeconds(1), Duration.ofSeconds(30)))
                        .as("dead letters written through SASL_SSL").isNotEmpty();
                rest = new FlinkRest(FLINK.getClientConfiguration()).everythingAbout(job.getJobID().toString());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            assertThat(rest.get("/jobs/" + job.getJobID() + "/config")).contains("execution-config");
            assertThat(rest.get("/jobs/" + job.getJobID() + "/plan")).contains("Kafka events");
            assertThat(rest.keySet().stream().filter(path -> path.contains("/vertices/"))).isNotEmpty();

            // The same job with a wrong password fails, and (a live job) restarts until someone mends the
            // secret; its errors must not quote either password.
            JobClient refused = DkimTrendJob.build(config(WRONG_PASSWORD, "secured-metrics")).executeAsync("refused");
            FlinkRest flink = new FlinkRest(FLINK.getClientConfiguration());
            String exceptions = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!exceptions.toLowerCase(Locale.ROOT).contains("authentication failed") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                exceptions = flink.get("/jobs/" + refused.getJobID() + "/exceptions");
            }
            refused.cancel().get(60, TimeUnit.SECONDS);
            errors.add(exceptions);
            assertThat(String.join("\n", errors)).as("the job's exceptions").containsIgnoringCase("authentication failed");

            List<String> lines = logs.lines();
            assertThat(lines).as("log lines captured").hasSizeGreaterThan(10);
            for (String secret : List.of(PASSWORD, WRONG_PASSWORD, trustStorePassword)) {
                assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
                rest.forEach((path, body) -> assertThat(body).as("REST " + path).doesNotContain(secret));
                assertThat(errors).as("errors").noneMatch(error -> error.contains(secret));
            }
        }
    }

    /** Source credentials from a properties file, the sinks' from environment variables. */
    private static JobConfig config(String password, String metricsTopic) throws Exception {
        Properties client = kafka.saslSsl().clientProperties(USER, password);
        Path file = Files.createTempFile(dir, "kafka", ".properties");
        StringBuilder lines = new StringBuilder();
        Map<String, String> environment = new java.util.HashMap<>();
        for (String name : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.type",
                "ssl.truststore.location", "ssl.truststore.password")) {
            String value = client.getProperty(name);
            lines.append("kafka.").append(name).append('=').append(value.replace("\\", "\\\\")).append('\n');
            environment.put("DKIM_TREND_SINK_KAFKA_" + name.toUpperCase().replace('.', '_'), value);
        }
        Files.writeString(file, lines);
        return JobConfig.fromArgs(environment,
                "--bootstrap-servers", kafka.saslSsl().bootstrapServers(), "--events-topic", "secured-events",
                "--starting-offsets", "earliest", "--group-id", "secured-" + UUID.randomUUID(),
                "--kafka-properties", file.toString(), "--metrics-topic", metricsTopic,
                "--dead-letter-topic", "secured-dead-letters", "--alerts-topic", "secured-metrics",
                "--late-events-topic", "secured-dead-letters",
                "--checkpoint-interval", "1 s", "--update-interval", "1 s", "--parallelism", "1",
                "--transactional-id-prefix", "secured-" + UUID.randomUUID());
    }
}
