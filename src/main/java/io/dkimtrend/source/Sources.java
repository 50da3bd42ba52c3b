package io.dkimtrend.source;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.config.TimeRange;
import io.dkimtrend.model.SourceItem;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import java.time.Duration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The two ways events come in: a Kafka topic, or archive files. Both emit parsed messages. */
public final class Sources {

    /** How often a quiet live stream's watermark moves with the wall clock: days need no finer steps. */
    private static final long WALL_CLOCK_PERIOD_MILLIS = 1000;

    private Sources() {}

    /**
     * Event time from each row's Timestamp; per-partition watermarks that skip idle partitions
     * ({@link PartitionWatermarks}).
     */
    public static WatermarkStrategy<SourceItem> watermarks(JobConfig config) {
        long outOfOrderness = config.maxOutOfOrderness.toMillis();
        long idleTimeout = config.idleTimeout.toMillis();
        return WatermarkStrategy.<SourceItem>forGenerator(
                        context -> new PartitionWatermarks<>(outOfOrderness, idleTimeout, System::currentTimeMillis))
                .withTimestampAssigner((item, previous) -> item.eventTime());
    }

    /**
     * A live Kafka stream's event time once it is quiet ({@link WallClockWhenQuiet}): the wall clock
     * may close a day only for a stream whose newest event arrived within the allowed lateness.
     */
    public static WallClockWhenQuiet wallClockWhenQuiet(JobConfig config) {
        long outOfOrderness = config.maxOutOfOrderness.toMillis();
        long liveLag = Math.max(config.allowedLateness.toMillis(), outOfOrderness);
        return new WallClockWhenQuiet(outOfOrderness, liveLag, WALL_CLOCK_PERIOD_MILLIS);
    }

    public static KafkaSource<SourceItem> kafka(JobConfig config) {
        KafkaSourceBuilder<SourceItem> builder = KafkaSource.<SourceItem>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setTopics(config.eventsTopic)
                .setGroupId(config.groupId)
                .setStartingOffsets(startingOffsets(config.startingOffsets))
                .setDeserializer(new KafkaMessageDeserializer(config.maxMessageBytes, config.maxFutureSkew))
                .setProperties(config.sourceKafkaProperties());
        if (config.range != null) {
            // Kafka timestamps are arrival times, at or after the event: start at the first day to
            // read (with an hour for clock skew), stop once the padding after the last day passed.
            TimeRange read = config.readRange();
            builder.setStartingOffsets(OffsetsInitializer.timestamp(read.start().minusSeconds(3600).toEpochMilli()))
                    .setBounded(OffsetsInitializer.timestamp(read.end().toEpochMilli()));
        } else if (config.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static FileSource<SourceItem> archives(String path, JobConfig config) {
        FileSource.FileSourceBuilder<SourceItem> builder =
                FileSource.forBulkFileFormat(new ArchiveFormat(config.maxMessageBytes, config.maxFutureSkew), new Path(path));
        return builder.setFileEnumerator(fileEnumerator(config)).build();
    }

    /**
     * Which files a replay reads, in ranges of large files: every file but hidden ones, and of an
     * export tree only the hours of the backfill's range.
     */
    public static FileEnumerator.Provider fileEnumerator(JobConfig config) {
        if (config.range == null) {
            return () -> new LineRangeEnumerator(new DefaultFileFilter());
        }
        // Export folders are named by the hour a record was written: an hour for clock skew before.
        HourFolderFilter filter = new HourFolderFilter(config.readRange().widened(Duration.ofHours(1), Duration.ZERO));
        return () -> new LineRangeEnumerator(filter);
    }

    @SuppressWarnings("deprecation") // kafka-clients 4.2 still takes OffsetResetStrategy here
    static OffsetsInitializer startingOffsets(String where) {
        if (where.startsWith("timestamp:")) {
            return OffsetsInitializer.timestamp(Long.parseLong(where.substring("timestamp:".length())));
        }
        return switch (where) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
