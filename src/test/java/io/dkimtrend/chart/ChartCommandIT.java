package io.dkimtrend.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart command draws what a run wrote. Its folder case is checked against a real run in
 * {@code SampleRunReportIT}; here: the live feed's topics on a real broker. Wrong arguments are
 * {@link ChartCommandTest}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ChartCommandIT {

    @TempDir
    Path out;

    @Test
    void drawsTheCommittedRecordsOfTheMetricsTopicUpToItsEnd(KafkaBroker kafka) throws Exception {
        kafka.createTopic("chart-metrics", 2, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("chart-alerts", 1);
        kafka.produce("chart-alerts", List.of(Json.toBytes(alert("2026-11-04", Alert.CONFIRMED))));
        try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, metric("2026-11-03", 100, 9, true, 1));
            send(producer, metric("2026-11-04", 150, 40, true, 1));
            send(producer, metric("2026-11-04", 182, 56, true, 2));
            send(producer, metric("2026-11-05", 20, 1, false, 1));
            producer.commitTransaction();
            // a transaction still open while the command reads: beyond the end a read_committed consumer sees
            producer.beginTransaction();
            send(producer, metric("2026-11-05", 120, 10, true, 2));
            producer.flush();

            String[] args = {"--bootstrap-servers", kafka.bootstrapServers(), "--metrics-topic", "chart-metrics",
                "--alerts-topic", "chart-alerts", "--chart", out.resolve("live.png").toString()};
            List<DayMetric> read = ChartCommand.metrics(JobConfig.fromArgs(args));
            int status = ChartCommand.run(args, quiet(), quiet());
            producer.abortTransaction();

            assertThat(read).map(DayMetric::key).containsExactlyInAnyOrder(
                    "all/2026-11-03", "all/2026-11-04", "all/2026-11-04", "all/2026-11-05");
            assertThat(SeriesTable.newestFinal(read)).map(m -> m.day + " " + m.emails + " " + m.dkimFail)
                    .containsExactly("2026-11-03 100 9", "2026-11-04 182 56");
            assertThat(ChartCommand.alerts(JobConfig.fromArgs(args))).map(Alert::key).containsExactly("all/2026-11-04/dkimFail");
            assertThat(status).isZero();
            BufferedImage chart = ImageIO.read(out.resolve("live.png").toFile());
            assertThat(chart.getWidth()).isEqualTo(ChartFiles.WIDTH);
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(KafkaBroker kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "chart-command-test");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, DayMetric metric) {
        producer.send(new ProducerRecord<>("chart-metrics", metric.key(), Json.toString(metric)));
    }

    private static DayMetric metric(String day, long emails, long dkimFail, boolean isFinal, int revision) {
        DayMetric metric = new DayMetric();
        metric.series = "all";
        metric.day = day;
        metric.zone = "UTC";
        metric.emails = emails;
        metric.dkimFail = dkimFail;
        metric.dkimFailRatio = Math.round(10_000.0 * dkimFail / emails) / 10_000.0;
        metric.isFinal = isFinal;
        metric.revision = revision;
        return metric;
    }

    private static Alert alert(String day, String status) {
        Alert alert = new Alert();
        alert.series = "all";
        alert.day = day;
        alert.metric = "dkimFail";
        alert.severity = "high";
        alert.status = status;
        return alert;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
