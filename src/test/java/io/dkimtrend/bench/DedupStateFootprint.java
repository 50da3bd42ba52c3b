package io.dkimtrend.bench;

import io.dkimtrend.dedup.DeduplicateEmails;
import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * What one remembered email costs the deduplication: N distinct identities, their Timestamps spread
 * evenly over {@code --span-hours} (47 by default: all inside the 48-hour horizon, so all held at the
 * end) with the watermark following, go through the real operator on the chosen state backend.
 * Then the heap the state holds (after a full GC), its timers, the size of its checkpoint and the
 * process's peak resident memory are printed per key.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=io.dkimtrend.bench.DedupStateFootprint \
 *     -Dbench.records=1000000 -Dbench.args="--backend rocksdb"</pre>
 *
 * ({@code --records} is the number of distinct identities. RocksDB gets the bloom filter and the
 * partitioned index and filters that {@code --state-backend rocksdb} sets; {@code
 * --partitioned-filters false} leaves the latter out, and {@code --timers heap} keeps the timers on
 * the heap, Flink's {@code state.backend.rocksdb.timer-service.factory}.)
 */
public final class DedupStateFootprint {

    /** RocksDB's memory (block cache and write buffers) in one slot of a 2 GB TaskManager. */
    private static final String ROCKSDB_MEMORY = "256mb";

    private DedupStateFootprint() {}

    public static void main(String[] args) throws Exception {
        long keys = 2_000_000;
        long spanHours = 47;
        String backend = "hashmap";
        String timers = "rocksdb";
        boolean partitionedFilters = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--records", "--keys" -> keys = Long.parseLong(args[i + 1]);
                case "--backend" -> backend = args[i + 1];
                case "--timers" -> timers = args[i + 1];
                case "--span-hours" -> spanHours = Long.parseLong(args[i + 1]);
                case "--partitioned-filters" -> partitionedFilters = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        Path rocksDir = Files.createTempDirectory("dedup-footprint-");
        var harness = new KeyedOneInputStreamOperatorTestHarness<Integer, EmailEvent, EmailEvent>(
                new KeyedProcessOperator<>(new DeduplicateEmails(Duration.ofHours(48).toMillis())),
                EmailIdentity.BUCKET, EmailIdentity.BUCKET_TYPE);
        if (backend.equals("rocksdb")) {
            // Nearly every identity is new: a bloom filter answers most lookups without reading a file.
            Configuration options = new Configuration();
            options.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
            options.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, partitionedFilters);
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend()
                    .configure(options, DedupStateFootprint.class.getClassLoader());
            rocksDb.setDbStoragePath(rocksDir.toString());
            rocksDb.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.valueOf(
                    timers.toUpperCase(Locale.ROOT)));
            // The harness gives almost no managed memory; a TaskManager slot would give RocksDB this much.
            rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.parse(ROCKSDB_MEMORY));
            harness.setStateBackend(rocksDb);
        }
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(rocksDir.resolve("checkpoints").toUri()));
        harness.open();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        long eventTime = 1_793_000_000_000L;
        EmailEvent email = new EmailEvent();
        long spanMillis = spanHours * 3_600_000L;
        for (long i = 0; i < keys; i++) {
            email.eventTime = eventTime + (long) ((double) i / keys * spanMillis);
            email.dkim = DkimVerdict.PASS;
            EmailIdentity.assign(email, "a1b2c3d4-" + i + "-0000-0000-08de1a2b3c4d", "user" + (i % 5000) + "@contoso.com");
            harness.processElement(email, email.eventTime);
            if (i % 10_000 == 0) {
                harness.getOutput().clear(); // the harness keeps what passes; this does not
                harness.processWatermark(email.eventTime - 60_000); // sweeps run as in a live feed
            }
            if (i % 1_000_000 == 0 && i > 0) {
                System.err.printf(Locale.ROOT, "%,d keys, %.0f s%n", i, (System.nanoTime() - start) / 1e9);
            }
        }
        harness.getOutput().clear();
        int timerCount = harness.numEventTimeTimers();
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeapAfterGc();
        OperatorSubtaskState snapshot = harness.snapshot(1, eventTime);
        long checkpointBytes = snapshot.getStateSize();
        System.out.printf(Locale.ROOT, "%s%s, %,d keys in %.1f s (%,.0f keys/s)%n", backend,
                backend.equals("rocksdb") ? " (timers: " + timers + ")" : "", keys, seconds, keys / seconds);
        System.out.printf(Locale.ROOT, "  event-time timers: %,d%n", timerCount);
        System.out.printf(Locale.ROOT, "  heap held by the state: %,d MB, %.0f bytes per key%n",
                (heapAfter - heapBefore) >> 20, (double) (heapAfter - heapBefore) / keys);
        System.out.printf(Locale.ROOT, "  checkpoint: %,d MB, %.0f bytes per key%n", checkpointBytes >> 20,
                (double) checkpointBytes / keys);
        System.out.printf(Locale.ROOT, "  local RocksDB files: %,d MB%n", sizeOf(rocksDir) >> 20);
        System.out.printf(Locale.ROOT, "  process peak RSS: %,d MB, max heap %,d MB%n", ProcessMemory.peakKb() >> 10,
                Runtime.getRuntime().maxMemory() >> 20);
        harness.close();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long sizeOf(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
