package io.dkimtrend.sink;

import io.dkimtrend.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka record per element: the given key, the element as JSON, and the wall-clock time of
 * writing as record timestamp. The element's own timestamp (a day's last millisecond) would let a
 * topic's retention delete a back-filled old day as soon as it is written.
 */
public class KeyedJsonRecords<T> implements KafkaRecordSerializationSchema<T> {

    private final String topic;
    private final SerializableFunction<T, String> key;

    public KeyedJsonRecords(String topic, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, System.currentTimeMillis(),
                key.apply(element).getBytes(StandardCharsets.UTF_8), Json.toBytes(element));
    }
}
