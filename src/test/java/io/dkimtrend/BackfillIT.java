package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backfill of a Kafka time range, beside a live run of the same data: the bundle's messages with
 * Kafka timestamps five minutes after their events, read live (STREAMING, to the end of the topic)
 * and as a backfill (BATCH, a range whose first instant cuts a day in half).
 */
@ExtendWith(KafkaBrokerExtension.class)
class BackfillIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void aBackfilledRangeEqualsTheLiveRunDayForDayAndWritesNoOtherDay(KafkaBroker kafka) throws Exception {
        // Kept forever: the records carry the export's weeks-old timestamps, which the default retention
        // of 7 days deletes at the broker's next retention check, possibly before the jobs read them.
        kafka.createTopic("history", 3, Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024),
                "retention.ms", "-1"));
        kafka.createTopic("live-days", 1);
        kafka.createTopic("backfill-days", 1);
        kafka.createTopic("backfill-alerts", 1);
        List<byte[]> messages = SampleBundle.messagesInEventTimeOrder();
        kafka.produce("history", messages, SampleBundle.arrivalTimes(messages));

        DkimTrendJob.run(JobConfig.fromArgs("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "history",
                "--starting-offsets", "earliest", "--bounded", "--group-id", "live", "--metrics-topic", "live-days",
                "--alerts-file", "target/backfill-test-live-alerts", "--transactional-id-prefix", "live",
                "--checkpoint-interval", "1 s", "--parallelism", "2"));
        DkimTrendJob.run(JobConfig.fromArgs("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", "history",
                "--from", "2026-10-18T12:00:00Z", "--until", "2026-11-05", "--group-id", "backfill",
                "--metrics-topic", "backfill-days", "--alerts-topic", "backfill-alerts", "--parallelism", "2"));

        List<DayMetric> backfilled = finals(kafka, "backfill-days");
        Map<String, String> expected = new LinkedHashMap<>();
        SampleBundle.expectedSeries("daily-utc-dedup.csv").forEach((day, counts) -> {
            if (day.compareTo("2026-10-18") >= 0 && day.compareTo("2026-11-05") < 0) expected.put(day, counts);
        });
        assertThat(SampleBundle.series(backfilled)).as("whole days, the cut one included, and no other")
                .containsExactlyEntriesOf(expected);

        Map<String, String> live = new LinkedHashMap<>();
        SeriesTable.newestFinal(finals(kafka, "live-days")).forEach(day -> live.put(day.day, comparable(day)));
        assertThat(SeriesTable.newestFinal(backfilled)).allSatisfy(day ->
                assertThat(comparable(day)).as(day.day).isEqualTo(live.get(day.day)));

        List<Alert> alerts = kafka.consumeAll("backfill-alerts", true, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .stream().map(r -> Json.read(r.value(), Alert.class)).toList();
        assertThat(SampleBundle.alertKeys(alerts)).as("the baseline before the range was read too")
                .containsExactlyElementsOf(SampleBundle.SAMPLE_ALERTS);
    }

    private static List<DayMetric> finals(KafkaBroker kafka, String topic) {
        return kafka.consumeAll(topic, true, Duration.ofSeconds(2), Duration.ofSeconds(60)).stream()
                .map(r -> Json.read(r.value(), DayMetric.class)).filter(d -> d.isFinal).toList();
    }

    /** A day record without what depends on when and how often it was written. */
    private static String comparable(DayMetric day) {
        DayMetric copy = Json.read(Json.toString(day), DayMetric.class);
        copy.revision = 0;
        copy.emittedAt = null;
        return Json.toString(copy);
    }
}
