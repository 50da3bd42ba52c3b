package io.dkimtrend.source;

import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import java.time.Duration;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each Kafka record value in the source itself, so that every partition's events carry
 * their event time into the source's per-partition watermarks.
 */
public class KafkaMessageDeserializer implements KafkaRecordDeserializationSchema<SourceItem> {

    private final int maxMessageBytes;
    private final Duration maxFutureSkew;
    private transient MessageParser parser;

    public KafkaMessageDeserializer(int maxMessageBytes, Duration maxFutureSkew) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = new MessageParser(maxMessageBytes, maxFutureSkew);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceItem> out) {
        if (parser == null) {
            parser = new MessageParser(maxMessageBytes, maxFutureSkew);
        }
        String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
        parser.parse(record.value(), origin, out::collect);
    }

    @Override
    public TypeInformation<SourceItem> getProducedType() {
        return TypeInformation.of(SourceItem.class);
    }
}
