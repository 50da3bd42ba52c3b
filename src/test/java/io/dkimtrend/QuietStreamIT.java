package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.Checkpoints;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerExtension;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestZones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live job on streams that go quiet, as its own process from the packaged jar. Event time may
 * follow the wall clock only on evidence that the stream is live: a replay of old data (with an
 * empty partition, killed and restarted, or with a partition that delivers only after the idle
 * timeout) never writes a day after its last data and never makes its own events late, while a
 * live stream that goes quiet still closes its day shortly after midnight, also when the job was
 * restarted during the quiet.
 */
@ExtendWith(KafkaBrokerExtension.class)
class QuietStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Long enough for every partition to go idle several times over (idle timeout 2 s). */
    private static final Duration QUIET = Duration.ofSeconds(8);

    @Test
    void aReplayWithAnEmptyPartitionKilledAndRestartedWritesNoDayAfterItsDataAndNothingLate(KafkaBroker kafka)
            throws Exception {
        Path dir = workFolder("quiet-replay-");
        kafka.createTopic("replay-events", 3);
        kafka.createTopic("replay-metrics", 1);
        kafka.createTopic("replay-late", 1);
        List<String> args = liveArgs(kafka, "replay", "UTC");
        // Partition 2 stays empty throughout: it is evidence of nothing.
        Map<String, Long> expected = new TreeMap<>();
        produceDays(kafka, "replay-events", "2026-09-01T00:30:00Z", "2026-09-10T22:00:00Z", expected);

        try (JobProcess first = JobProcess.javaJar(dir, args)) {
            awaitFinals(kafka, "replay-metrics", "2026-09-01", "2026-09-09");
            Thread.sleep(QUIET.toMillis());
            Checkpoints.await(dir.resolve("checkpoints"), Checkpoints.newest(dir.resolve("checkpoints")) + 2, WAIT, first::isAlive);
            first.kill();
        }
        produceDays(kafka, "replay-events", "2026-09-11T00:30:00Z", "2026-09-20T22:00:00Z", expected);
        try (JobProcess second = JobProcess.javaJar(dir, args)) {
            awaitFinals(kafka, "replay-metrics", "2026-09-01", "2026-09-19");
            Thread.sleep(QUIET.toMillis());
            Checkpoints.await(dir.resolve("checkpoints"), Checkpoints.newest(dir.resolve("checkpoints")) + 2, WAIT, second::isAlive);
            second.kill();
        }
        try (JobProcess third = JobProcess.javaJar(dir, args)) {
            Thread.sleep(QUIET.toMillis());
            Checkpoints.await(dir.resolve("checkpoints"), Checkpoints.newest(dir.resolve("checkpoints")) + 2, WAIT, third::isAlive);
        }

        List<DayMetric> written = committed(kafka, "replay-metrics");
        assertThat(written).as("no day after the last day with data").allSatisfy(
                day -> assertThat(day.day).isLessThanOrEqualTo("2026-09-20"));
        assertThat(written).as("the last day has not closed: no event says so").noneMatch(
                day -> day.day.equals("2026-09-20") && day.isFinal);
        expected.remove("2026-09-20");
        assertThat(finalEmailsPerDay(written)).containsExactlyEntriesOf(expected);
        assertThat(finalsPerDay(written)).allSatisfy((day, finals) -> assertThat(finals).as(day).isEqualTo(1));
        assertThat(kafka.consumeAll("replay-late", true, Duration.ofSeconds(2), Duration.ofSeconds(20))).isEmpty();
    }

    @Test
    void aPartitionThatDeliversOnlyAfterTheIdleTimeoutIsNotLate(KafkaBroker kafka) throws Exception {
        Path dir = workFolder("quiet-slow-partition-");
        kafka.createTopic("slow-events", 3);
        kafka.createTopic("slow-metrics", 1);
        kafka.createTopic("slow-late", 1);
        Map<String, Long> expected = new TreeMap<>();
        produceDays(kafka, "slow-events", "2026-09-01T00:30:00Z", "2026-09-10T12:00:00Z", expected);

        try (JobProcess job = JobProcess.javaJar(dir, liveArgs(kafka, "slow", "UTC"))) {
            awaitFinals(kafka, "slow-metrics", "2026-09-01", "2026-09-09");
            Thread.sleep(QUIET.toMillis());
            List<byte[]> later = new ArrayList<>();
            for (Instant at = Instant.parse("2026-09-10T13:00:00Z"); !at.isAfter(Instant.parse("2026-09-12T12:00:00Z"));
                    at = at.plus(Duration.ofHours(2))) {
                later.add(LiveFeedIT.email(at, "fail", "slow-" + at));
                expected.merge(at.toString().substring(0, 10), 1L, Long::sum);
            }
            kafka.produceTo("slow-events", 2, later);
            awaitFinals(kafka, "slow-metrics", "2026-09-01", "2026-09-11");
        }

        List<DayMetric> written = committed(kafka, "slow-metrics");
        expected.remove("2026-09-12");
        assertThat(kafka.consumeAll("slow-late", true, Duration.ofSeconds(2), Duration.ofSeconds(20))).isEmpty();
        assertThat(finalEmailsPerDay(written)).as(() -> describe(written)).containsExactlyEntriesOf(expected);
        assertThat(written).allSatisfy(day -> assertThat(day.day).isLessThanOrEqualTo("2026-09-12"));
    }

    @Test
    void aQuietLiveStreamClosesItsDayShortlyAfterMidnightAlsoAfterARestartDuringTheQuiet(KafkaBroker kafka)
            throws Exception {
        Path dir = workFolder("quiet-live-");
        kafka.createTopic("night-events", 3);
        kafka.createTopic("night-metrics", 1);
        kafka.createTopic("night-late", 1);
        Instant midnight = Instant.now().plusSeconds(60);
        ZoneId zone = TestZones.withMidnightAt(midnight);
        String today = midnight.minusSeconds(1).atZone(zone).toLocalDate().toString();
        List<byte[]> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(LiveFeedIT.email(midnight.minusSeconds(120 - 10L * i), i % 2 == 0 ? "fail" : "pass", "night-" + i));
        }
        kafka.produce("night-events", emails);
        List<String> args = liveArgs(kafka, "night", zone.getId());

        try (JobProcess first = JobProcess.javaJar(dir, args)) {
            kafka.awaitRecords("night-metrics", true, records -> parse(records).stream()
                    .anyMatch(day -> day.day.equals(today) && day.emails == 5), WAIT);
            Checkpoints.await(dir.resolve("checkpoints"), Checkpoints.newest(dir.resolve("checkpoints")) + 2, WAIT, first::isAlive);
            first.kill();
        }
        assertThat(Instant.now()).as("the restart came during the quiet, before midnight").isBefore(midnight);

        DayMetric closed;
        try (JobProcess second = JobProcess.javaJar(dir, args)) {
            closed = parse(kafka.awaitRecords("night-metrics", true, records -> parse(records).stream()
                    .anyMatch(day -> day.day.equals(today) && day.isFinal), WAIT)).stream()
                    .filter(day -> day.day.equals(today) && day.isFinal).findFirst().orElseThrow(
                            () -> new AssertionError("the quiet day never closed"));
        }
        assertThat(closed.emails).isEqualTo(5);
        assertThat(closed.dkimFail).isEqualTo(3);
        // midnight + out-of-orderness (2 s) + idle timeout (2 s) + a checkpoint to commit it, with room for a slow machine
        assertThat(Instant.parse(closed.emittedAt)).isBetween(midnight, midnight.plusSeconds(20));
        assertThat(kafka.consumeAll("night-late", true, Duration.ofSeconds(2), Duration.ofSeconds(20))).isEmpty();
    }

    /** The README's live command with short bounds, a plain relative checkpoint folder and a topic set per test. */
    private static List<String> liveArgs(KafkaBroker kafka, String name, String zone) {
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", name + "-events",
                "--starting-offsets", "earliest", "--group-id", name, "--metrics-topic", name + "-metrics",
                "--late-events-topic", name + "-late", "--checkpoint-dir", "checkpoints",
                "--checkpoint-interval", "500 ms", "--idle-timeout", "2 s", "--max-out-of-orderness", "2 s",
                "--allowed-lateness", "1 min", "--update-interval", "1 s", "--zone", zone, "--parallelism", "2",
                "--transactional-id-prefix", name);
    }

    /** An email every two hours from {@code from} to {@code to}, into partitions 0 and 1 in turn. */
    private static void produceDays(KafkaBroker kafka, String topic, String from, String to, Map<String, Long> perDay) {
        List<byte[]> even = new ArrayList<>();
        List<byte[]> odd = new ArrayList<>();
        int i = 0;
        for (Instant at = Instant.parse(from); !at.isAfter(Instant.parse(to)); at = at.plus(Duration.ofHours(2)), i++) {
            (i % 2 == 0 ? even : odd).add(LiveFeedIT.email(at, i % 3 == 0 ? "fail" : "pass", topic + "-" + at));
            perDay.merge(at.toString().substring(0, 10), 1L, Long::sum);
        }
        kafka.produceTo(topic, 0, even);
        kafka.produceTo(topic, 1, odd);
    }

    private static void awaitFinals(KafkaBroker kafka, String topic, String first, String last) {
        List<String> days = LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1))
                .map(LocalDate::toString).toList();
        List<DayMetric> finals = SampleBundle.awaitFinals(kafka, topic, Set.copyOf(days), WAIT);
        assertThat(finals).extracting(day -> day.day).containsAll(days);
    }

    private static List<DayMetric> committed(KafkaBroker kafka, String topic) {
        return parse(kafka.consumeAll(topic, true, Duration.ofSeconds(3), Duration.ofSeconds(30)));
    }

    private static List<DayMetric> parse(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> Json.read(r.value(), DayMetric.class)).toList();
    }

    private static String describe(List<DayMetric> written) {
        return written.stream().map(day -> day.day + (day.isFinal ? " final" : " running") + " revision " + day.revision
                + ": " + day.emails + " emails").collect(Collectors.joining("\n", "records written:\n", ""));
    }

    private static Map<String, Long> finalEmailsPerDay(List<DayMetric> written) {
        Map<String, Long> emails = new TreeMap<>();
        for (DayMetric day : SeriesTable.newestFinal(written)) {
            emails.put(day.day, day.emails);
        }
        return emails;
    }

    private static Map<String, Long> finalsPerDay(List<DayMetric> written) {
        return written.stream().filter(day -> day.isFinal)
                .collect(Collectors.groupingBy(day -> day.day, TreeMap::new, Collectors.counting()));
    }

    private static Path workFolder(String prefix) throws Exception {
        return Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), prefix);
    }
}
