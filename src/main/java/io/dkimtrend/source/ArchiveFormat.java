package io.dkimtrend.source;

import io.dkimtrend.model.SourceItem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;

/**
 * Reads archive files (plain or {@code .gz}), or byte ranges of large plain files, line by line
 * into parsed messages. A thin wrapper over Flink's {@link StreamFormatAdapter}, which brings
 * decompression and checkpointed positions; it exists only to hand each file's path to
 * {@link ArchiveLines}, so that dead letters can name the file and line they came from.
 */
public class ArchiveFormat implements BulkFormat<SourceItem, FileSourceSplit> {

    private final int maxMessageBytes;
    private final Duration maxFutureSkew;

    public ArchiveFormat(int maxMessageBytes, Duration maxFutureSkew) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public Reader<SourceItem> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).createReader(config, split);
    }

    @Override
    public Reader<SourceItem> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).restoreReader(config, split);
    }

    private StreamFormatAdapter<SourceItem> adapterFor(FileSourceSplit split) {
        return new StreamFormatAdapter<>(new ArchiveLines(split.path().toString(), split.fileSize(), maxMessageBytes, maxFutureSkew));
    }

    /**
     * The parse path of one file outside Flink: lines read and parsed as the job does, with the
     * default future skew (the benchmark's).
     */
    public static StreamFormat.Reader<SourceItem> lineReader(InputStream in, String file, long fileSize, int maxMessageBytes) {
        return new ArchiveLines.LineReader(in, file, fileSize, maxMessageBytes);
    }

    @Override
    public boolean isSplittable() {
        return true; // plain files at line boundaries: see LineRangeEnumerator
    }

    @Override
    public TypeInformation<SourceItem> getProducedType() {
        return TypeInformation.of(SourceItem.class);
    }
}
