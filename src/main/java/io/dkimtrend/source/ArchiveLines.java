package io.dkimtrend.source;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * One file of messages, one per line ({@code \n} or {@code \r\n}), each parsed as it is read. A
 * line longer than the message limit is dead-lettered without being held in memory.
 *
 * <p>A large plain file is read in byte ranges by several readers at once ({@link LineRangeEnumerator}).
 * A line belongs to the range it starts in: a reader of a range that does not start the file skips
 * the line it lands in, which the previous range's reader reads to its end. Lines of the first range
 * are named {@code file:line}; lines of later ranges {@code file@byte}, the offset where they start,
 * since their line number is unknown without reading everything before them.
 *
 * <p>Positions are checkpointed as a count of emitted items after the range's start: the range is
 * re-read and the items before the position skipped, which is exact because parsing is deterministic
 * in the number of items: the wall clock may turn a record from the future into an email on a later
 * read, but a record is one item either way.
 */
class ArchiveLines implements StreamFormat<SourceItem> {

    private final String file;
    private final long fileSize;
    private final int maxMessageBytes;
    private final Duration maxFutureSkew;

    ArchiveLines(String file, long fileSize, int maxMessageBytes, Duration maxFutureSkew) {
        this.file = file;
        this.fileSize = fileSize;
        this.maxMessageBytes = maxMessageBytes;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public StreamFormat.Reader<SourceItem> createReader(Configuration config, FSDataInputStream stream,
            long fileLength, long splitEnd) throws IOException {
        long splitStart = stream.getPos();
        if (splitEnd >= fileLength) {
            // A whole file or its last range; a compressed file is never cut, and its positions count decompressed bytes.
            splitEnd = Long.MAX_VALUE;
        }
        if (splitStart > 0) {
            stream.seek(splitStart - 1);
        }
        return new LineReader(stream, file, fileSize, maxMessageBytes, maxFutureSkew, splitStart, splitEnd);
    }

    /** Never called: positions are never offsets (see the class comment), so restores start the range anew. */
    @Override
    public StreamFormat.Reader<SourceItem> restoreReader(Configuration config, FSDataInputStream stream,
            long restoredOffset, long fileLength, long splitEnd) throws IOException {
        return createReader(config, stream, fileLength, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<SourceItem> getProducedType() {
        return TypeInformation.of(SourceItem.class);
    }

    static final class LineReader implements StreamFormat.Reader<SourceItem> {
        private static final int CHUNK = 64 * 1024;

        private final InputStream in;
        private final String file;
        private final long fileSize;
        private long bytesRead;
        private boolean finished;
        private final int maxMessageBytes;
        private final MessageParser parser;
        private final ArrayDeque<SourceItem> pending = new ArrayDeque<>();
        private final byte[] chunk = new byte[CHUNK];
        private int chunkPos;
        private int chunkEnd;
        private byte[] line = new byte[1024];
        private long lineNumber;
        /** Where the range's first line may start, and the offset no line of this range starts at or after. */
        private final long splitStart;
        private final long splitEnd;
        /** Offset in the file of {@code chunk[0]}. */
        private long chunkOffset;
        private boolean landed;

        LineReader(InputStream in, String file, long fileSize, int maxMessageBytes) {
            this(in, file, fileSize, maxMessageBytes, MessageParser.DEFAULT_MAX_FUTURE_SKEW, 0, Long.MAX_VALUE);
        }

        /** {@code in} stands at the byte before {@code splitStart} when that is not 0. */
        LineReader(InputStream in, String file, long fileSize, int maxMessageBytes, Duration maxFutureSkew,
                long splitStart, long splitEnd) {
            this.in = in;
            this.file = file;
            this.fileSize = fileSize;
            this.maxMessageBytes = maxMessageBytes;
            this.parser = new MessageParser(maxMessageBytes, maxFutureSkew);
            this.splitStart = splitStart;
            this.splitEnd = splitEnd;
            this.chunkOffset = splitStart == 0 ? 0 : splitStart - 1;
            this.landed = splitStart == 0;
        }

        @Override
        public SourceItem read() throws IOException {
            if (!landed) {
                nextLine(); // the end of the line the range starts in: the previous range's
                landed = true;
            }
            while (pending.isEmpty()) {
                long lineStart = position();
                long length = lineStart >= splitEnd ? -1 : nextLine();
                if (length < 0) {
                    if (!finished) {
                        boolean wholeFile = splitStart == 0 && splitEnd == Long.MAX_VALUE;
                        // .gz: from bytes read to bytes on disk; a range of a file only reports its own bytes
                        ReplayProgress.fileDone(wholeFile ? fileSize - bytesRead : 0, splitEnd == Long.MAX_VALUE);
                        finished = true;
                    }
                    return null;
                }
                long lineBytes = position() - lineStart;
                ReplayProgress.message(lineBytes);
                bytesRead += lineBytes;
                String origin = splitStart == 0 ? file + ":" + lineNumber : file + "@" + lineStart;
                if (length > maxMessageBytes) {
                    pending.add(SourceItem.deadLetter(DeadLetter.oversized(origin, line, length, maxMessageBytes)));
                } else if (!isBlank(line, (int) length)) {
                    parser.parse(Arrays.copyOf(line, (int) length), origin, pending::add);
                }
            }
            return pending.poll();
        }

        /** Offset in the file of the next byte to read. */
        private long position() {
            return chunkOffset + chunkPos;
        }

        /**
         * Reads the next line into {@link #line} without its terminator; returns its length, or -1
         * at the end of the file. Of a line above the limit only the first bytes are kept (the
         * returned length is the full one, which may exceed 2 GiB).
         */
        private long nextLine() throws IOException {
            long length = 0;
            boolean any = false;
            while (true) {
                if (chunkPos == chunkEnd) {
                    chunkOffset += chunkEnd;
                    chunkEnd = in.read(chunk, 0, CHUNK);
                    chunkPos = 0;
                    if (chunkEnd <= 0) {
                        chunkEnd = 0;
                        if (!any) return -1;
                        break;
                    }
                }
                any = true;
                int start = chunkPos;
                int newline = -1;
                for (int i = chunkPos; i < chunkEnd; i++) {
                    if (chunk[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int stop = newline < 0 ? chunkEnd : newline;
                length = append(length, start, stop - start);
                chunkPos = newline < 0 ? chunkEnd : newline + 1;
                if (newline >= 0) break;
            }
            lineNumber++;
            if (length > 0 && length <= line.length && line[(int) length - 1] == '\r') {
                length--;
            }
            return length;
        }

        private long append(long length, int from, int count) {
            int keep = (int) Math.max(0, Math.min(count, maxMessageBytes + 1L - length));
            if (keep > 0) {
                int at = (int) length; // below the limit here, so within an int
                if (at + keep > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, at + keep));
                }
                System.arraycopy(chunk, from, line, at, keep);
            }
            return length + count;
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') return false;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
