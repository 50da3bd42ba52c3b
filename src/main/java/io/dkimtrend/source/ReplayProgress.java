package io.dkimtrend.source;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a replay of archives, printed on stderr while it runs: files and bytes done out of
 * the total, messages per second, and an estimate of the time left. The readers count into this
 * JVM's counters, so the figures show when the job runs in the same JVM as its client (a local run,
 * {@code java -jar}); on a cluster, Flink's own {@code numBytesIn} and {@code numRecordsIn} metrics
 * tell the same.
 */
public final class ReplayProgress implements AutoCloseable {

    static final AtomicLong FILES = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static final AtomicLong MESSAGES = new AtomicLong();

    private final Thread reporter;

    private ReplayProgress(Thread reporter) {
        this.reporter = reporter;
    }

    /** A message (line) of {@code bytes} bytes was read. */
    static void message(long bytes) {
        MESSAGES.incrementAndGet();
        BYTES.addAndGet(bytes);
    }

    /**
     * A file or a range of it is done; {@code correction} turns the bytes counted for a file into its
     * size on disk, and the last range of a file completes it.
     */
    static void fileDone(long correction, boolean lastRange) {
        if (lastRange) FILES.incrementAndGet();
        BYTES.addAndGet(correction);
    }

    /** Starts printing every {@code interval} until closed. */
    public static ReplayProgress report(long totalFiles, long totalBytes, Duration interval, PrintStream out) {
        FILES.set(0);
        BYTES.set(0);
        MESSAGES.set(0);
        long start = System.nanoTime();
        Thread reporter = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(interval.toMillis());
                    out.println(line(totalFiles, totalBytes, System.nanoTime() - start));
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "replay-progress");
        reporter.setDaemon(true);
        reporter.start();
        return new ReplayProgress(reporter);
    }

    static String line(long totalFiles, long totalBytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        long bytes = Math.min(BYTES.get(), totalBytes);
        double rate = bytes / seconds;
        String left = bytes == 0 || rate == 0 ? "unknown" : format(Duration.ofSeconds((long) ((totalBytes - bytes) / rate)));
        return String.format(Locale.ROOT, "replay: %d of %d files, %.1f of %.1f MB (%.0f%%), %,.0f messages/s, about %s left",
                FILES.get(), totalFiles, bytes / 1e6, totalBytes / 1e6, totalBytes == 0 ? 100.0 : 100.0 * bytes / totalBytes,
                MESSAGES.get() / seconds, left);
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    @Override
    public void close() {
        reporter.interrupt();
    }
}
