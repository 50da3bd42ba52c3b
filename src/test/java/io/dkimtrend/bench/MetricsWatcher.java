package io.dkimtrend.bench;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.Json;
import io.dkimtrend.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a one-partition metrics topic from its start on a thread of its own and notes when each day
 * record reached this process, the way a dashboard's consumer would see it: read_committed sees a
 * record once its transaction commits (at a checkpoint), read_uncommitted as soon as it is written.
 */
final class MetricsWatcher implements AutoCloseable {

    private record Seen(String day, long emails, long receivedAtMillis) {}

    private final KafkaConsumer<String, String> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    MetricsWatcher(KafkaBroker kafka, String topic, boolean readCommitted) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        thread = new Thread(this::poll, "metrics-watcher-" + (readCommitted ? "committed" : "uncommitted"));
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, String> record : records) {
                    DayMetric metric = Json.read(record.value(), DayMetric.class);
                    synchronized (seen) {
                        seen.add(new Seen(metric.day, metric.emails, now));
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() ends the poll
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** When a record of {@code day} counting at least {@code emails} first arrived, if one did. */
    OptionalLong firstArrival(String day, long emails) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.day.equals(day) && s.emails >= emails)
                    .mapToLong(Seen::receivedAtMillis).min();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
