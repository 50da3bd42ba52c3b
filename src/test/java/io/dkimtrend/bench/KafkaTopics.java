package io.dkimtrend.bench;

import io.dkimtrend.testing.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The topics of one Kafka run of the job, named after the run, and the files that fill its events
 * topic. The events topic stamps each record with the broker's append time, so that a record's
 * timestamp is the moment it arrived.
 */
record KafkaTopics(String events, String metrics, String deadLetters, String lateEvents, String alerts) {

    static KafkaTopics create(KafkaBroker kafka, String run, int partitions) {
        KafkaTopics topics = new KafkaTopics(run + "-events", run + "-metrics", run + "-dead-letters",
                run + "-late-events", run + "-alerts");
        kafka.createTopic(topics.events, partitions, Map.of("message.timestamp.type", "LogAppendTime"));
        kafka.createTopic(topics.metrics, 1);
        kafka.createTopic(topics.deadLetters, 1);
        kafka.createTopic(topics.lateEvents, 1);
        kafka.createTopic(topics.alerts, 1);
        return topics;
    }

    /** The job's flags for these topics: every output goes to its topic, none to stdout. */
    List<String> jobArgs(KafkaBroker kafka) {
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--events-topic", events,
                "--metrics-topic", metrics, "--dead-letter-topic", deadLetters, "--late-events-topic", lateEvents,
                "--alerts-topic", alerts);
    }

    /**
     * Sends every line of a file to the events topic, line i to partition i % partitions, streaming
     * (a large file never sits in memory whole); returns the number of messages once all are acknowledged.
     */
    long produceLines(KafkaBroker kafka, Path file) throws IOException {
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka);
                BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int partitions = producer.partitionsFor(events).size();
            List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();
            long count = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) continue;
                unacknowledged.add(producer.send(new ProducerRecord<>(events, (int) (count++ % partitions), null,
                        line.getBytes(StandardCharsets.UTF_8))));
                if (unacknowledged.size() >= 10_000) {
                    awaitAll(unacknowledged);
                }
            }
            producer.flush();
            awaitAll(unacknowledged);
            return count;
        }
    }

    static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props);
    }

    private static void awaitAll(List<Future<RecordMetadata>> acknowledgements) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try {
            for (Future<RecordMetadata> ack : acknowledgements) {
                ack.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the benchmark's messages", e);
        }
        acknowledgements.clear();
    }
}
