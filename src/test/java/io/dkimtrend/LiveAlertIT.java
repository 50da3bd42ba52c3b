package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.Json;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.TestClusters;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts of the live job on a real broker: three weeks of mail with a weekly rhythm, then a day
 * with a spike of DKIM failures that ended half an hour ago. While that day is still open its
 * running count raises a preliminary alert; when the quiet stream closes it, the alert is confirmed,
 * and no other day alerts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LiveAlertIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @Test
    void aSpikeIsPreliminaryWhileItsDayIsOpenThenConfirmed(KafkaBroker kafka) throws Exception {
        Instant now = Instant.now();
        ZoneId zone = LiveFeedIT.zoneWhereMidnightWasThirtyMinutesAgo(now);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate spikeDay = today.minusDays(1);
        kafka.createTopic("alert-events", 1);
        kafka.createTopic("alert-alerts", 1);

        List<byte[]> messages = new ArrayList<>();
        for (int back = 21; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            int emails = weekend ? 60 : 200;
            int failures = day.equals(spikeDay) ? 70 : emails / 20 + back % 3;
            messages.addAll(day(day, zone, emails, failures, now));
        }
        kafka.produce("alert-events", messages);

        JobClient job = DkimTrendJob.build(JobConfig.fromArgs("--bootstrap-servers", kafka.bootstrapServers(),
                "--events-topic", "alert-events", "--starting-offsets", "earliest", "--group-id", "alert-test",
                "--alerts-topic", "alert-alerts", "--metrics-file", "target/live-alert-metrics-" + now.toEpochMilli(),
                "--zone", zone.getId(), "--update-interval", "1 s", "--checkpoint-interval", "1 s",
                "--idle-timeout", "3 s", "--max-out-of-orderness", "1 min", "--parallelism", "1",
                "--transactional-id-prefix", "alert-test")).executeAsync("live alert test");
        List<Alert> alerts;
        try {
            alerts = kafka.awaitRecords("alert-alerts", true,
                            records -> records.stream().anyMatch(r -> r.value().contains("\"confirmed\"")
                                    && r.value().contains("\"dkimFail\"")), Duration.ofSeconds(90))
                    .stream().map(r -> Json.read(r.value(), Alert.class)).toList();
        } finally {
            job.cancel().get();
        }

        List<String> countAlerts = alerts.stream().filter(a -> a.metric.equals("dkimFail"))
                .map(a -> a.day + " " + a.status).toList();
        assertThat(countAlerts).containsExactly(spikeDay + " preliminary", spikeDay + " confirmed");
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.day).isEqualTo(spikeDay.toString()));
    }

    /** A day's emails, spread over its hours up to 40 minutes before now, in envelopes of up to 50. */
    private static List<byte[]> day(LocalDate day, ZoneId zone, int emails, int failures, Instant now) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (end.isAfter(now.minusSeconds(2400))) end = now.minusSeconds(2400);
        long step = (end.toEpochMilli() - start.toEpochMilli()) / emails;
        List<byte[]> envelopes = new ArrayList<>();
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < emails; i++) {
            Instant timestamp = Instant.ofEpochMilli(start.toEpochMilli() + i * step);
            String dkim = i < failures ? "fail" : "pass";
            if (records.length() > 0) records.append(',');
            records.append("{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timestamp\":\"").append(timestamp)
                    .append("\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"").append(dkim)
                    .append("\\\"}\",\"NetworkMessageId\":\"").append(day).append('-').append(i)
                    .append("\",\"RecipientEmailAddress\":\"soc@contoso.com\"}}");
            if ((i + 1) % 50 == 0 || i == emails - 1) {
                envelopes.add(("{\"records\":[" + records + "]}").getBytes(StandardCharsets.UTF_8));
                records.setLength(0);
            }
        }
        return envelopes;
    }
}
