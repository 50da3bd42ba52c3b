package io.dkimtrend.source;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * One file of messages, one per line ({@code \n} or {@code \r\n}), each parsed as it is read. A
 * line longer than the message limit is dead-lettered without being held in memory.
 *
 * <p>Positions are checkpointed as a count of emitted items (the {@link SimpleStreamFormat}
 * contract): the file is re-read and the items before the position skipped, which is exact
 * because parsing is deterministic.
 */
class ArchiveLines extends SimpleStreamFormat<SourceItem> {

    private final String file;
    private final long fileSize;
    private final int maxMessageBytes;

    ArchiveLines(String file, long fileSize, int maxMessageBytes) {
        this.file = file;
        this.fileSize = fileSize;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public StreamFormat.Reader<SourceItem> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, file, fileSize, maxMessageBytes);
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

        LineReader(InputStream in, String file, long fileSize, int maxMessageBytes) {
            this.in = in;
            this.file = file;
            this.fileSize = fileSize;
            this.maxMessageBytes = maxMessageBytes;
            this.parser = new MessageParser(maxMessageBytes);
        }

        @Override
        public SourceItem read() throws IOException {
            while (pending.isEmpty()) {
                long length = nextLine();
                if (length < 0) {
                    if (!finished) {
                        ReplayProgress.fileDone(fileSize - bytesRead); // .gz: from bytes read to bytes on disk
                        finished = true;
                    }
                    return null;
                }
                ReplayProgress.message(length + 1L);
                bytesRead += length + 1L;
                String origin = file + ":" + lineNumber;
                if (length > maxMessageBytes) {
                    pending.add(SourceItem.deadLetter(DeadLetter.oversized(origin, line, length, maxMessageBytes)));
                } else if (!isBlank(line, (int) length)) {
                    parser.parse(Arrays.copyOf(line, (int) length), origin, pending::add);
                }
            }
            return pending.poll();
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
