package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.testing.JobProcess;
import io.dkimtrend.testing.KafkaBroker;
import io.dkimtrend.testing.KafkaBrokerProcess;
import io.dkimtrend.testing.LiveTraffic;
import io.dkimtrend.testing.LocalCluster;
import io.dkimtrend.testing.TestZones;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Everything at once, on live data: a seeded generator sends current traffic (re-deliveries, other
 * tables and truncated lines among it) at a steady rate while faults strike at seeded times: a
 * TaskManager, the leading JobManager (high availability with ZooKeeper) and the only Kafka broker
 * are each killed with SIGKILL. A midnight of the job's zone falls inside the run, so a day closes
 * during it. At the end every day is compared with the generator's ground truth (the closed day's
 * final record, the open day's newest), and the run prints what it injected and found.
 *
 * <p>The build runs a short soak (about two minutes); {@code -Dsoak.minutes=N} runs a long one,
 * {@code -Dsoak.seed=S} another schedule.
 */
class SoakIT {

    private static final Path JOB_JAR = JobProcess.JAR;
    private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "2"));
    private static final long SEED = Long.getLong("soak.seed", 20261207L);
    private static final Duration SOAK = Duration.ofSeconds(Math.round(MINUTES * 60));
    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final int MESSAGES_PER_SECOND = 20;

    private enum Fault { TASK_MANAGER, JOB_MANAGER, BROKER }

    @Test
    void everyComponentKilledDuringOneLiveRunAndTheSeriesStillExact() throws Exception {
        Path dir = Files.createTempDirectory(JobProcess.PROJECT.resolve("target"), "soak-");
        Random random = new Random(SEED);
        Instant start = Instant.now();
        Instant midnight = start.plusSeconds(SOAK.toSeconds() * 2 / 5);
        ZoneId zone = TestZones.withMidnightAt(midnight);
        List<String> survived = new ArrayList<>();
        long longestStale;

        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("broker"));
                LocalCluster cluster = LocalCluster.startHighlyAvailable(dir.resolve("cluster"), 2)) {
            try (KafkaBroker kafka = broker.clients()) {
                kafka.createTopic("soak-events", 3);
                kafka.createTopic("soak-metrics", 1);
                kafka.createTopic("soak-dead", 1);
            }
            String job = cluster.submit(JOB_JAR, 2, List.of("--bootstrap-servers", broker.bootstrapServers(),
                    "--events-topic", "soak-events", "--starting-offsets", "earliest", "--group-id", "soak",
                    "--metrics-topic", "soak-metrics", "--dead-letter-topic", "soak-dead",
                    "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--checkpoint-interval", "2 s",
                    "--idle-timeout", "1 min", "--max-out-of-orderness", "5 s", "--allowed-lateness", "10 min",
                    "--update-interval", "1 s", "--zone", zone.getId(), "--transactional-id-prefix", "soak"));
            await(() -> cluster.allTasksRunning(job), "the job running", RECOVERY);

            LiveTraffic.Sent sent;
            try (LiveTraffic traffic = LiveTraffic.start(broker.bootstrapServers(), "soak-events", zone, SEED,
                    MESSAGES_PER_SECOND)) {
                int taskManagers = 2;
                for (Fault fault : schedule(random)) {
                    Instant at = start.plus(SOAK.multipliedBy(survived.size() + 1).dividedBy(faultCount() + 1));
                    sleepUntil(at);
                    switch (fault) {
                        case TASK_MANAGER -> {
                            String victim = cluster.taskManagersOf(job).stream().findFirst().orElseThrow();
                            cluster.killTaskManager(victim);
                            cluster.startTaskManager("taskmanager-" + ++taskManagers);
                        }
                        case JOB_MANAGER -> {
                            String leader = cluster.leader();
                            cluster.killJobManager(leader);
                            await(() -> !cluster.leader().equals(leader), "a new leading JobManager", RECOVERY);
                            cluster.startJobManager(leader);
                        }
                        case BROKER -> {
                            broker.kill();
                            Thread.sleep(Duration.ofSeconds(10 + random.nextInt(11)).toMillis());
                            broker.restart();
                        }
                    }
                    await(() -> cluster.allTasksRunning(job), "the job running again after the " + fault, RECOVERY);
                    survived.add(fault + " at +" + Duration.between(start, Instant.now()).toSeconds() + " s");
                }
                sleepUntil(start.plus(SOAK));
                sent = traffic.stop();
                Map<String, String> truth = traffic.truth();

                try (KafkaBroker kafka = broker.clients()) {
                    Map<String, String> written = awaitSeries(kafka, truth, midnight.atZone(zone).toLocalDate().toString());
                    List<ConsumerRecord<String, String>> metrics = kafka.consumeAll("soak-metrics", true,
                            Duration.ofSeconds(3), Duration.ofSeconds(60));
                    longestStale = longestGap(metrics);
                    long deadLetters = kafka.consumeAll("soak-dead", true, Duration.ofSeconds(3), Duration.ofSeconds(60)).size();
                    Map<String, Long> finalsPerDay = metrics.stream().map(r -> Json.read(r.value(), DayMetric.class))
                            .filter(d -> d.isFinal).collect(Collectors.groupingBy(d -> d.day, TreeMap::new, Collectors.counting()));
                    long counted = total(written);
                    long expected = total(truth);
                    System.out.printf("soak of %s (seed %d, %d messages/s): faults injected and survived: %s; "
                            + "records in: %d messages (%d emails, %d re-deliveries, %d of other tables, %d truncated "
                            + "lines); counted %d emails; dead-lettered %d; duplicates dropped %d; lost %d, doubled %d; "
                            + "longest time the feed was stale %d s%n", SOAK, SEED, MESSAGES_PER_SECOND, survived,
                            sent.messages(), sent.emails(), sent.redeliveries(), sent.otherTables(), sent.badLines(),
                            counted, deadLetters, sent.redeliveries(), Math.max(0, expected - counted),
                            Math.max(0, counted - expected), longestStale / 1000);

                    assertThat(survived).hasSize(faultCount());
                    assertThat(written).as("every day, as the generator's ground truth").isEqualTo(truth);
                    assertThat(finalsPerDay).as("one final record per closed day").allSatisfy(
                            (day, count) -> assertThat(count).as(day).isEqualTo(1));
                    assertThat(finalsPerDay).as("the day before midnight closed").isNotEmpty();
                    assertThat(deadLetters).as("every truncated line a dead letter, once").isEqualTo(sent.badLines());
                }
            }
        }
    }

    /** Each kind of fault once per two minutes of soak, in a seeded order. */
    private static List<Fault> schedule(Random random) {
        List<Fault> faults = new ArrayList<>();
        for (int round = 0; round < faultCount() / Fault.values().length; round++) {
            List<Fault> kinds = new ArrayList<>(List.of(Fault.values()));
            Collections.shuffle(kinds, random);
            faults.addAll(kinds);
        }
        return faults;
    }

    private static int faultCount() {
        return Fault.values().length * Math.max(1, (int) (MINUTES / 2));
    }

    /**
     * The series as the metrics topic holds it once it equals the ground truth (or the time is up):
     * the closed days' final records and the open day's newest, as {@code "emails dkimFail"}.
     */
    private static Map<String, String> awaitSeries(KafkaBroker kafka, Map<String, String> truth, String openDay) {
        List<ConsumerRecord<String, String>> records = kafka.awaitRecords("soak-metrics", true,
                read -> series(read, openDay).equals(truth), RECOVERY);
        return series(records, openDay);
    }

    private static Map<String, String> series(List<ConsumerRecord<String, String>> records, String openDay) {
        Map<String, DayMetric> newest = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            DayMetric day = Json.read(record.value(), DayMetric.class);
            if (!day.series.equals("all") || (!day.isFinal && !day.day.equals(openDay))) continue;
            newest.merge(day.day, day, (a, b) -> rank(b) > rank(a) ? b : a);
        }
        Map<String, String> series = new TreeMap<>();
        newest.forEach((day, metric) -> series.put(day, metric.emails + " " + metric.dkimFail));
        return series;
    }

    /** A final record over any running one, then the higher revision. */
    private static long rank(DayMetric metric) {
        return (metric.isFinal ? 1L << 32 : 0) + metric.revision;
    }

    private static long total(Map<String, String> series) {
        return series.values().stream().mapToLong(counts -> Long.parseLong(counts.split(" ")[0])).sum();
    }

    /** The longest wait between two committed metric records (their broker timestamps). */
    private static long longestGap(List<ConsumerRecord<String, String>> records) {
        long longest = 0;
        for (int i = 1; i < records.size(); i++) {
            longest = Math.max(longest, records.get(i).timestamp() - records.get(i - 1).timestamp());
        }
        return longest;
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long wait = Duration.between(Instant.now(), at).toMillis();
        if (wait > 0) Thread.sleep(wait);
    }

    private static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException notAnsweringYet) {
                // a JobManager taking over, a cluster script between two processes
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
