package io.dkimtrend.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Writes realistic, deterministic Microsoft Defender XDR Streaming-API input and returns the
 * {@link GroundTruth} a correct job must report for it.
 *
 * <p>Bundle mode (the default, {@code records == 0}) writes {@code events/} in three shapes (Event Hubs
 * envelopes, storage-account hourly blobs, Advanced Hunting flat rows) with every variant of
 * Timestamp and AuthenticationDetails, re-deliveries, records of other tables and dead letters, and
 * the expected daily series under {@code expected/} ({@link BundleGenerator}). Records mode
 * ({@code --records N}) streams one big NDJSON file of envelopes for throughput benchmarks
 * ({@link RecordsFile}).
 *
 * <p>Every choice comes from a {@link java.util.SplittableRandom} seeded with the settings' seed; no
 * clock is read. The truth of each row (its instant, DKIM bucket, identity) is decided before the row
 * is written, never read back from the output.
 *
 * <pre>
 * mvn -q -o compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt \
 *   &amp;&amp; java -cp "target/classes:$(cat target/classpath.txt)" io.dkimtrend.sample.SampleGenerator \
 *      --out sample-events --start 2026-10-01 --days 41 --seed 42 --weekday-emails 120
 * </pre>
 */
public final class SampleGenerator {

    public static final String EMAIL_EVENTS = "AdvancedHunting-EmailEvents";
    public static final String EMAIL_URL_INFO = "AdvancedHunting-EmailUrlInfo";
    public static final String EMAIL_ATTACHMENT_INFO = "AdvancedHunting-EmailAttachmentInfo";
    public static final String DEVICE_EVENTS = "AdvancedHunting-DeviceEvents";
    public static final ZoneId EUROPE_BERLIN = ZoneId.of("Europe/Berlin");

    /** Records in the one oversized envelope of the bundle. */
    public static final int BIG_ENVELOPE_RECORDS = 5000;
    /** Characters of the one huge Subject of the bundle. */
    public static final int HUGE_SUBJECT_CHARS = 200 * 1024;
    /** Event Hubs partition files of the bundle. */
    static final int PARTITIONS = 4;
    static final int BIG_ENVELOPE_PARTITION = 1;

    /** Builds the classes and their runtime classpath, offline, then runs the generator. */
    static final String GENERATE_COMMAND_PREFIX = "mvn -q -o compile dependency:build-classpath"
            + " -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt"
            + " && java -cp \"target/classes:$(cat target/classpath.txt)\" io.dkimtrend.sample.SampleGenerator ";

    private SampleGenerator() {}

    /**
     * Generates into {@code outDir}: the bundle ({@code events/}, {@code expected/}; both folders are
     * replaced) or, in records mode, {@code events/eventhubs/records-N.ndjson} and {@code expected/}.
     */
    public static GroundTruth generate(Path outDir, SampleSettings settings) {
        try {
            return settings.recordsMode() ? new RecordsFile(outDir, settings).run()
                    : new BundleGenerator(outDir, settings).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        SampleSettings settings = SampleSettings.defaults();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(usage());
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--start" -> settings = settings.withStart(LocalDate.parse(value));
                case "--days" -> settings = settings.withDays(Integer.parseInt(value));
                case "--seed" -> settings = settings.withSeed(Long.parseLong(value));
                case "--weekday-emails" -> settings = settings.withWeekdayEmails(Integer.parseInt(value));
                case "--records" -> settings = settings.withRecords(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + usage());
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required\n" + usage());
        }
        GroundTruth truth = generate(out, settings);
        System.out.println("wrote " + out.toAbsolutePath());
        System.out.println(summary(truth));
    }

    /** The command that makes the same output again, as the expected README and the tests quote it. */
    static String command(SampleSettings settings, boolean recordsMode) {
        return GENERATE_COMMAND_PREFIX + String.join(" ", settings.toArgs(recordsMode ? "DIR" : "sample-events"));
    }

    static String usage() {
        return String.join("\n",
                "usage: SampleGenerator --out DIR [--start 2026-10-01] [--days 41] [--seed 42] [--weekday-emails 120]"
                        + " [--records N]",
                "  without --records: the sample bundle (DIR/events in three shapes, DIR/expected series);"
                        + " DIR/events and DIR/expected are replaced",
                "  --records N: DIR/events/eventhubs/records-N.ndjson, Event Hubs envelopes with about N"
                        + " EmailEvents rows, and DIR/expected");
    }

    static String summary(GroundTruth truth) {
        StringBuilder text = new StringBuilder();
        text.append("EmailEvents rows: ").append(truth.size()).append(" (re-deliveries ").append(truth.duplicates())
                .append(", without identity ").append(truth.withoutIdentity()).append(")\n");
        text.append("other-table records: ").append(truth.otherTableRecords()).append('\n');
        text.append("dead letters: ").append(truth.deadLetterTotal());
        truth.deadLetters().forEach((kind, count) -> {
            if (count > 0) {
                text.append("\n  ").append(kind).append(": ").append(count);
            }
        });
        return text.toString();
    }
}
