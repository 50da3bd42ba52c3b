package io.dkimtrend.bench;

import io.dkimtrend.DkimTrendJob;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Step 5, latency: the job runs live on the events topic (unbounded, from the moment it starts, so
 * the loaded backlog is not read again). One email at a time, stamped with the current time, is
 * sent; its latency runs from its arrival on the events topic (the broker's append time) to the
 * arrival of the first running record of its day that counts it on the metrics topic. The
 * update interval and the checkpoint interval, which commits the Kafka transactions, bound it.
 */
final class LatencyProbe {

    static final Duration UPDATE_INTERVAL = Duration.ofSeconds(1);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(60);

    /** Latencies in milliseconds, to a record written (read_uncommitted) and to one committed. */
    record Outcome(int parallelism, long[] writtenMillis, long[] committedMillis) {

        String describe() {
            return String.format(Locale.ROOT, "5 latency, p=%d, --update-interval %d s, --checkpoint-interval %d s,"
                            + " %d probes: event on the events topic -> its day's running record on the metrics topic%n"
                            + "    written (read_uncommitted):  %s%n"
                            + "    committed (read_committed):  %s",
                    parallelism, UPDATE_INTERVAL.toSeconds(), CHECKPOINT_INTERVAL.toSeconds(), writtenMillis.length,
                    percentiles(writtenMillis), percentiles(committedMillis));
        }
    }

    private LatencyProbe() {}

    static Outcome run(KafkaBroker kafka, KafkaTopics backlog, int parallelism, int probes) throws Exception {
        KafkaTopics topics = new KafkaTopics(backlog.events(), "bench-live-metrics", "bench-live-dead-letters",
                "bench-live-late-events", "bench-live-alerts");
        for (String topic : List.of(topics.metrics(), topics.deadLetters(), topics.lateEvents(), topics.alerts())) {
            kafka.createTopic(topic, 1);
        }
        List<String> args = new ArrayList<>(topics.jobArgs(kafka));
        // Every record of the backlog arrived before this instant, every probe after it.
        args.addAll(List.of("--starting-offsets", "timestamp:" + System.currentTimeMillis(),
                "--group-id", "bench-live", "--transactional-id-prefix", "bench-live",
                "--update-interval", UPDATE_INTERVAL.toSeconds() + " s",
                "--checkpoint-interval", CHECKPOINT_INTERVAL.toSeconds() + " s",
                "--parallelism", Integer.toString(parallelism)));
        JobClient job = DkimTrendJob.build(JobConfig.fromArgs(args.toArray(String[]::new)))
                .executeAsync("dkim-trend latency probe");
        try (MetricsWatcher written = new MetricsWatcher(kafka, topics.metrics(), false);
                MetricsWatcher committed = new MetricsWatcher(kafka, topics.metrics(), true);
                KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer(kafka)) {
            Prober prober = new Prober(producer, topics.events(), written, committed);
            // The first email waits for the job to start; it is not a sample.
            prober.probe(STARTUP_WAIT);
            long[] toWritten = new long[probes];
            long[] toCommitted = new long[probes];
            SplittableRandom pause = new SplittableRandom(7);
            for (int i = 0; i < probes; i++) {
                long[] latency = prober.probe(PROBE_WAIT);
                toWritten[i] = latency[0];
                toCommitted[i] = latency[1];
                // a random phase against the update and checkpoint timers
                Thread.sleep(pause.nextLong(UPDATE_INTERVAL.toMillis()));
            }
            return new Outcome(parallelism, toWritten, toCommitted);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends one email after another and waits for each to be counted. */
    private static final class Prober {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final MetricsWatcher written;
        private final MetricsWatcher committed;
        private final Map<String, Long> sentPerDay = new HashMap<>();
        private int sent;

        Prober(KafkaProducer<byte[], byte[]> producer, String topic, MetricsWatcher written, MetricsWatcher committed) {
            this.producer = producer;
            this.topic = topic;
            this.written = written;
            this.committed = committed;
        }

        /** Milliseconds from the email's arrival to its count being written and committed. */
        long[] probe(Duration wait) throws Exception {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            long count = sentPerDay.merge(day, 1L, Long::sum);
            int partitions = producer.partitionsFor(topic).size();
            RecordMetadata arrival = producer.send(new ProducerRecord<>(topic, sent % partitions, null,
                    email(now, "probe-" + sent++))).get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                OptionalLong toWritten = written.firstArrival(day, count);
                OptionalLong toCommitted = committed.firstArrival(day, count);
                if (toWritten.isPresent() && toCommitted.isPresent()) {
                    return new long[] {toWritten.getAsLong() - arrival.timestamp(),
                        toCommitted.getAsLong() - arrival.timestamp()};
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no metric record counted email " + count + " of " + day + " within "
                    + wait.toSeconds() + " s");
        }

        private static byte[] email(Instant timestamp, String id) {
            return ("{\"records\":[{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timestamp\":\""
                    + timestamp + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"pass\\\"}\",\"NetworkMessageId\":\""
                    + id + "\",\"RecipientEmailAddress\":\"soc@contoso.com\"}}]}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Nearest-rank percentiles: below 100 samples, p99 is the largest one. */
    static String percentiles(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s, min %.2f s, max %.2f s",
                rank(sorted, 0.50) / 1e3, rank(sorted, 0.99) / 1e3, sorted[0] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
