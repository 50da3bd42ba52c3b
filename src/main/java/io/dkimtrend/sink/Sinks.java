package io.dkimtrend.sink;

import io.dkimtrend.config.JobConfig;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.function.SerializableFunction;

/** Where records leave the job: Kafka topics (transactional) and NDJSON part files. */
public final class Sinks {

    private Sinks() {}

    /**
     * Writes JSON records to a topic with exactly-once delivery: records become visible to
     * {@code read_committed} consumers when the checkpoint that covers them completes (or at the end
     * of a bounded run).
     */
    public static <T> void toKafka(DataStream<T> stream, JobConfig config, String topic,
            SerializableFunction<T, String> key, String name) {
        Properties producer = config.sinkKafkaProperties();
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout.toMillis()));
        KafkaSink<T> sink = KafkaSink.<T>builder()
                .setBootstrapServers(config.sinkBootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new KeyedJsonRecords<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix + "-" + name)
                .build();
        stream.sinkTo(sink).name(name + " to Kafka topic " + topic).uid(name + "-kafka-sink");
    }

    /** Writes JSON lines into part files under {@code dir}, finished at each checkpoint or at the end. */
    public static <T> DataStreamSink<T> toFiles(DataStream<T> stream, String dir, String name) {
        FileSink<T> sink = FileSink.forRowFormat(new Path(dir), new JsonLines<T>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(name).withPartSuffix(".ndjson").build())
                .build();
        return stream.sinkTo(sink).name(name + " to files in " + dir).uid(name + "-file-sink");
    }
}
