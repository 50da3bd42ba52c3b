package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.Json;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job between two topics of a real Kafka broker: the bundled messages, in the order a live feed
 * would send them, go to a 3-partition topic; the job reads it up to its end in streaming mode and
 * writes the series transactionally. Read with {@code read_committed}, the metrics topic holds the
 * exact true series, and the dead letters are on their topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaToKafkaIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void metricsTopicHoldsTheExactSeries(KafkaBroker kafka) throws Exception {
        // The bundle holds one 5,000-record envelope of about 3.5 MB.
        kafka.createTopic("events", 3, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024)));
        kafka.createTopic("metrics", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("dead-letters", 1);
        kafka.createTopic("alerts", 1);
        kafka.produce("events", SampleBundle.messagesInEventTimeOrder());

        DkimTrendJob.run(JobConfig.fromArgs(
                "--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "events",
                "--starting-offsets", "earliest", "--bounded", "--group-id", "kafka-to-kafka-test",
                "--metrics-topic", "metrics", "--dead-letter-topic", "dead-letters", "--alerts-topic", "alerts",
                "--parallelism", "2", "--checkpoint-interval", "1 s"));

        List<ConsumerRecord<String, String>> metrics =
                kafka.consumeAll("metrics", true, Duration.ofSeconds(2), Duration.ofSeconds(60));
        List<DayMetric> days = metrics.stream().map(r -> Json.read(r.value(), DayMetric.class)).toList();
        assertThat(SampleBundle.series(days))
                .containsExactlyEntriesOf(SampleBundle.expectedSeries("daily-utc-dedup.csv"));
        assertThat(metrics).allSatisfy(record -> assertThat(record.key())
                .isEqualTo("all/" + Json.read(record.value(), DayMetric.class).day));

        List<DeadLetter> deadLetters = kafka.consumeAll("dead-letters", true, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .stream().map(r -> Json.read(r.value(), DeadLetter.class)).toList();
        assertThat(deadLetters).isNotEmpty().allSatisfy(letter -> {
            assertThat(letter.reason).isNotBlank();
            assertThat(letter.origin).startsWith("events/");
        });
        assertThat(deadLetters).noneMatch(letter -> letter.reason.startsWith("late event"));

        // The live run raises the alerts a replay of the same history raises.
        List<Alert> alerts = kafka.consumeAll("alerts", true, Duration.ofSeconds(2), Duration.ofSeconds(60)).stream()
                .map(r -> Json.read(r.value(), Alert.class)).toList();
        assertThat(SampleBundle.alertKeys(alerts)).containsExactlyElementsOf(SampleBundle.SAMPLE_ALERTS);
    }
}
