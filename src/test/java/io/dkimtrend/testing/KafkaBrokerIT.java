package io.dkimtrend.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

    private static final Duration QUIET_PERIOD = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBroker broker;

    KafkaBrokerIT(KafkaBroker broker) {
        this.broker = broker;
    }

    @Test
    void recordsSpreadOverAllPartitionsAreReadBack() {
        String topic = uniqueTopic("spread");
        broker.createTopic(topic, 3);
        List<String> values = IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList();

        broker.produce(topic, values.stream().map(v -> v.getBytes(UTF_8)).toList());
        List<ConsumerRecord<String, String>> records = broker.consumeAll(topic, true, QUIET_PERIOD, TIMEOUT);

        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(values);
        assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
        Map<Integer, List<String>> valuesByPartition = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition,
                        Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(valuesByPartition).containsOnlyKeys(0, 1, 2);
        // value i went to partition i % 3, and a partition keeps the order of writing
        valuesByPartition.forEach((partition, inPartition) -> assertThat(inPartition)
                .containsExactlyElementsOf(IntStream.range(0, 30).filter(i -> i % 3 == partition)
                        .mapToObj(i -> "value-" + i).toList()));
    }

    @Test
    void abortedTransactionIsInvisibleToReadCommitted() {
        String topic = uniqueTopic("transactions");
        broker.createTopic(topic, 2);

        Properties props = broker.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-broker-test-" + UUID.randomUUID());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "committed-1"));
            producer.send(new ProducerRecord<>(topic, 1, null, "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "aborted-1"));
            producer.send(new ProducerRecord<>(topic, 1, null, "aborted-2"));
            producer.flush(); // the aborted records really reach the log
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "committed-3"));
            producer.commitTransaction();
        }

        assertThat(broker.consumeAll(topic, true, QUIET_PERIOD, TIMEOUT))
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
        // read_uncommitted shows the aborted records, so read_committed above filtered them out
        assertThat(broker.consumeAll(topic, false, QUIET_PERIOD, TIMEOUT))
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
    }

    private static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
