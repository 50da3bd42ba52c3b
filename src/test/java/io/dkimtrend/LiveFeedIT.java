package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.TestClusters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live feed on a real Kafka broker, against the wall clock. The job runs in a zone whose
 * midnight was 30 minutes ago, so "yesterday" is a day that has just ended: its final record must
 * come from the stream going quiet, its running records before that, a late email within the
 * lateness must correct it, and one beyond must reach the late-events topic with its text.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LiveFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void runningRecordsQuietCloseCorrectionsAndLateEvents(KafkaBroker kafka) throws Exception {
        Instant now = Instant.now();
        ZoneId zone = zoneWhereMidnightWasThirtyMinutesAgo(now);
        LocalDate today = now.atZone(zone).toLocalDate();
        String yesterday = today.minusDays(1).toString();
        kafka.createTopic("live-events", 1);
        kafka.createTopic("live-metrics", 1);
        kafka.createTopic("live-late", 1);

        kafka.produce("live-events", List.of(
                email(now.minusSeconds(3 * 3600), "fail", "y1"), email(now.minusSeconds(2 * 3600), "pass", "y2"),
                email(now.minusSeconds(3600 + 1800), "fail", "y3"), email(now.minusSeconds(2400), "pass", "y4")));

        JobConfig config = JobConfig.fromArgs("--bootstrap-servers", kafka.bootstrapServers(),
                "--events-topic", "live-events", "--starting-offsets", "earliest", "--group-id", "live-test",
                "--metrics-topic", "live-metrics", "--late-events-topic", "live-late", "--zone", zone.getId(),
                "--update-interval", "1 s", "--checkpoint-interval", "1 s", "--idle-timeout", "2 s",
                "--max-out-of-orderness", "1 min", "--allowed-lateness", "1 h", "--parallelism", "1",
                "--transactional-id-prefix", "live-test");
        JobClient job = DkimTrendJob.build(config).executeAsync("live feed test");
        try {
            // Yesterday ended 30 minutes ago and its newest email is 40 minutes old: only the quiet
            // stream following the wall clock can close it.
            List<DayMetric> days = awaitMetrics(kafka, seen -> has(seen, yesterday, true, 4, 2));
            assertThat(days).anyMatch(d -> d.day.equals(yesterday) && d.isFinal && d.emails == 4 && d.dkimFail == 2);

            kafka.produce("live-events", List.of(
                    email(now.minusSeconds(300), "fail", "t1"),
                    email(now.minusSeconds(3600), "fail", "late-within-lateness"),
                    email(now.minusSeconds(1800 + 26 * 3600), "fail", "too-late")));

            days = awaitMetrics(kafka, seen -> has(seen, today.toString(), false, 1, 1) && has(seen, yesterday, true, 5, 3));
            DayMetric running = newest(days, today.toString());
            assertThat(running.isFinal).isFalse();
            assertThat(running.emails).isEqualTo(1);
            DayMetric corrected = newest(days, yesterday);
            assertThat(corrected.isFinal).isTrue();
            assertThat(corrected.emails).isEqualTo(5);
            assertThat(corrected.revision).isGreaterThan(
                    days.stream().filter(d -> d.day.equals(yesterday) && d.emails == 4 && d.isFinal)
                            .mapToInt(d -> d.revision).max().orElseThrow());
            assertThat(days).filteredOn(d -> d.day.equals(yesterday) && !d.isFinal)
                    .allSatisfy(d -> assertThat(d.emails).isLessThanOrEqualTo(4));

            List<LateEvent> late = kafka.awaitRecords("live-late", true, r -> !r.isEmpty(), WAIT).stream()
                    .map(r -> Json.read(r.value(), LateEvent.class)).toList();
            assertThat(late).singleElement().satisfies(event -> {
                assertThat(event.day).isEqualTo(today.minusDays(2).toString());
                assertThat(event.payload).contains("too-late");
                assertThat(event.origin).startsWith("live-events/0/");
            });
        } finally {
            job.cancel().get();
        }
    }

    private static List<DayMetric> awaitMetrics(KafkaBroker kafka, Predicate<List<DayMetric>> done) {
        return kafka.awaitRecords("live-metrics", true, records -> done.test(parse(records)), WAIT).stream()
                .map(r -> Json.read(r.value(), DayMetric.class)).toList();
    }

    private static List<DayMetric> parse(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> Json.read(r.value(), DayMetric.class)).toList();
    }

    private static boolean has(List<DayMetric> days, String day, boolean isFinal, long emails, long dkimFail) {
        return days.stream().anyMatch(d -> d.day.equals(day) && d.isFinal == isFinal && d.emails == emails
                && d.dkimFail == dkimFail);
    }

    private static DayMetric newest(List<DayMetric> days, String day) {
        return days.stream().filter(d -> d.day.equals(day))
                .max((a, b) -> Integer.compare(a.revision, b.revision)).orElseThrow();
    }

    /** A fixed offset zone in which the local time now is 00:30. */
    static ZoneId zoneWhereMidnightWasThirtyMinutesAgo(Instant now) {
        int secondOfDay = now.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
        int offset = 1800 - secondOfDay;
        if (offset < -18 * 3600) offset += 24 * 3600;
        return ZoneId.ofOffset("UTC", ZoneOffset.ofTotalSeconds(offset));
    }

    static byte[] email(Instant timestamp, String dkim, String id) {
        return ("{\"records\":[{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timestamp\":\""
                + timestamp + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"" + dkim
                + "\\\"}\",\"NetworkMessageId\":\"" + id + "\",\"RecipientEmailAddress\":\"soc@contoso.com\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
