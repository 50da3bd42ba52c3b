package io.dkimtrend.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.Path;

/**
 * Lists the files of a replay and cuts large plain files into byte ranges, so that one big export
 * is read by every source reader at once instead of by one. Flink's block-splitting enumerator
 * cuts at the file system's block locations, and a local file is one block however large; this one
 * cuts by size. Compressed files cannot be entered in the middle and stay whole.
 *
 * <p>Ranges are small enough to balance the readers (readers take the next range when they finish
 * one) and large enough that opening one costs nothing next to reading it.
 */
public class LineRangeEnumerator extends NonSplittingRecursiveEnumerator {

    static final long MIN_RANGE_BYTES = 8L << 20;
    static final long MAX_RANGE_BYTES = 32L << 20;

    private final long minRangeBytes;
    private final long maxRangeBytes;

    public LineRangeEnumerator(Predicate<Path> fileFilter) {
        this(fileFilter, MIN_RANGE_BYTES, MAX_RANGE_BYTES);
    }

    LineRangeEnumerator(Predicate<Path> fileFilter, long minRangeBytes, long maxRangeBytes) {
        super(fileFilter);
        this.minRangeBytes = minRangeBytes;
        this.maxRangeBytes = maxRangeBytes;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        Collection<FileSourceSplit> files = super.enumerateSplits(paths, minDesiredSplits);
        long plainBytes = files.stream().filter(LineRangeEnumerator::cuttable).mapToLong(FileSourceSplit::length).sum();
        long rangeBytes = rangeBytes(plainBytes, minDesiredSplits);
        List<FileSourceSplit> splits = new ArrayList<>();
        for (FileSourceSplit file : files) {
            if (!cuttable(file) || file.length() <= rangeBytes) {
                splits.add(file);
                continue;
            }
            for (long offset = 0; offset < file.length(); offset += rangeBytes) {
                splits.add(new FileSourceSplit(file.splitId() + "@" + offset, file.path(), offset,
                        Math.min(rangeBytes, file.length() - offset), file.fileModificationTime(), file.fileSize()));
            }
        }
        return splits;
    }

    /** Enough ranges for every reader, within the bounds above. */
    private long rangeBytes(long plainBytes, int readers) {
        long even = (plainBytes + Math.max(readers, 1) - 1) / Math.max(readers, 1);
        return Math.max(minRangeBytes, Math.min(maxRangeBytes, even));
    }

    private static boolean cuttable(FileSourceSplit file) {
        return StandardDeCompressors.getDecompressorForFileName(file.path().getPath()) == null;
    }
}
