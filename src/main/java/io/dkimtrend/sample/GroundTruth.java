package io.dkimtrend.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a correct job must make of a generated input, known by construction: one {@link Row} per
 * EmailEvents row written (re-deliveries included), every dead letter written with its kind and file,
 * and the number of records of other tables that must be skipped.
 *
 * <p>Rows are held in primitive arrays (about 33 bytes a row), so millions fit in a small heap.
 */
public final class GroundTruth {

    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int NONE = 2;
    public static final int OTHER = 3;
    /** Bucket names, indexed by {@link #PASS}, {@link #FAIL}, {@link #NONE}, {@link #OTHER}. */
    public static final List<String> BUCKETS = List.of("pass", "fail", "none", "other");

    /** Index of each value in a {@link #dailySeries} array. */
    public static final int EMAILS = 0, DKIM_FAIL = 1, SERIES_PASS = 2, SERIES_FAIL = 3, SERIES_NONE = 4,
            SERIES_OTHER = 5;

    public static final String CSV_HEADER = "day,emails,dkimFail,dkimPass,dkimNone,dkimOther";

    /** Kinds of input a job must dead-letter rather than count. */
    public enum DeadLetter {
        TRUNCATED_JSON("a JSON message cut off before its end"),
        NOT_JSON("a line that is not JSON at all"),
        JSON_ARRAY("a JSON array instead of an object"),
        UNKNOWN_SHAPE("a JSON object that is no envelope, record or row, such as {\"foo\":1}"),
        RECORD_WITHOUT_TIMESTAMP("a bare EmailEvents record whose properties have no (or a null) Timestamp"),
        UNPARSEABLE_TIMESTAMP("a bare EmailEvents record whose Timestamp is no date, such as \"yesterday\""),
        ENVELOPE_RECORD_WITHOUT_TIMESTAMP(
                "one EmailEvents record without Timestamp inside an envelope whose other records count");

        private final String description;

        DeadLetter(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One EmailEvents row a job must count.
     *
     * @param timestamp the instant of the row's Timestamp column
     * @param dkimBucket pass, fail, none or other
     * @param identity NetworkMessageId + "|" + RecipientEmailAddress, lower-cased; null when either is missing
     * @param duplicate a re-delivery of an identity emitted before
     */
    public record Row(Instant timestamp, String dkimBucket, String identity, boolean duplicate) {}

    /** One bad line or record as written: a job turns each into one dead letter. */
    public record DeadLetterPlace(DeadLetter kind, String file) {}

    private static final int DUPLICATE_BIT = 4;

    private int size;
    private long[] seconds = new long[1024];
    private int[] nanos = new int[1024];
    private byte[] flags = new byte[1024];
    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    /** Index into {@link #recipients}, -1 when the row has no identity. */
    private int[] recipient = new int[1024];

    private final List<String> recipients = new ArrayList<>();
    private final Map<String, Integer> recipientIndex = new HashMap<>();
    private final EnumMap<DeadLetter, Integer> deadLetters = new EnumMap<>(DeadLetter.class);
    private final List<DeadLetterPlace> deadLetterPlaces = new ArrayList<>();
    private long otherTableRecords;
    private long duplicates;
    private long withoutIdentity;

    GroundTruth() {
        for (DeadLetter kind : DeadLetter.values()) {
            deadLetters.put(kind, 0);
        }
    }

    /** Adds a row; {@code networkMessageId} or {@code recipientAddress} null means the row has no identity. */
    void add(Instant timestamp, int bucket, UUID networkMessageId, String recipientAddress, boolean duplicate) {
        if (bucket < PASS || bucket > OTHER) {
            throw new IllegalArgumentException("bucket " + bucket);
        }
        boolean identified = networkMessageId != null && recipientAddress != null;
        if (duplicate && !identified) {
            throw new IllegalArgumentException("a duplicate needs an identity");
        }
        if (size == seconds.length) {
            int capacity = size + (size >> 1);
            seconds = Arrays.copyOf(seconds, capacity);
            nanos = Arrays.copyOf(nanos, capacity);
            flags = Arrays.copyOf(flags, capacity);
            idHigh = Arrays.copyOf(idHigh, capacity);
            idLow = Arrays.copyOf(idLow, capacity);
            recipient = Arrays.copyOf(recipient, capacity);
        }
        seconds[size] = timestamp.getEpochSecond();
        nanos[size] = timestamp.getNano();
        flags[size] = (byte) (bucket | (duplicate ? DUPLICATE_BIT : 0));
        if (identified) {
            idHigh[size] = networkMessageId.getMostSignificantBits();
            idLow[size] = networkMessageId.getLeastSignificantBits();
            String key = recipientAddress.toLowerCase(Locale.ROOT);
            Integer index = recipientIndex.get(key);
            if (index == null) {
                index = recipients.size();
                recipients.add(key);
                recipientIndex.put(key, index);
            }
            recipient[size] = index;
        } else {
            recipient[size] = -1;
            withoutIdentity++;
        }
        if (duplicate) {
            duplicates++;
        }
        size++;
    }

    /** Adds one bad line or record, written to {@code file} (relative to the output folder). */
    void addDeadLetter(DeadLetter kind, String file) {
        deadLetters.merge(kind, 1, Integer::sum);
        deadLetterPlaces.add(new DeadLetterPlace(kind, file));
    }

    void addOtherTableRecords(long count) {
        otherTableRecords += count;
    }

    /** Number of EmailEvents rows written, re-deliveries included. */
    public int size() {
        return size;
    }

    public Row row(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new Row(Instant.ofEpochSecond(seconds[index], nanos[index]), BUCKETS.get(flags[index] & 3),
                identity(index), (flags[index] & DUPLICATE_BIT) != 0);
    }

    /** The rows as a read-only view; each access builds a {@link Row}. */
    public List<Row> rows() {
        return new AbstractList<>() {
            @Override
            public Row get(int index) {
                return row(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private String identity(int index) {
        int r = recipient[index];
        return r < 0 ? null : new UUID(idHigh[index], idLow[index]) + "|" + recipients.get(r);
    }

    /** Rows that re-deliver an identity already emitted. */
    public long duplicates() {
        return duplicates;
    }

    /** Rows a deduplicating job counts: {@link #size()} minus {@link #duplicates()}. */
    public long distinctEmails() {
        return size - duplicates;
    }

    /** Rows missing NetworkMessageId or RecipientEmailAddress; they always count. */
    public long withoutIdentity() {
        return withoutIdentity;
    }

    /** Dead letters written, by kind (every kind present, possibly 0). */
    public Map<DeadLetter, Integer> deadLetters() {
        return Collections.unmodifiableMap(deadLetters);
    }

    public int deadLetterTotal() {
        return deadLetterPlaces.size();
    }

    /** Every dead letter written, each occurrence once, in the order written. */
    public List<DeadLetterPlace> deadLetterPlaces() {
        return Collections.unmodifiableList(deadLetterPlaces);
    }

    /** Records of other tables (EmailUrlInfo, EmailAttachmentInfo, DeviceEvents) a job must skip. */
    public long otherTableRecords() {
        return otherTableRecords;
    }

    /**
     * {emails, dkimFail, pass, fail, none, other} per calendar day in {@code zone}, from the first to the
     * last day with an email, days without email included as zeros. With {@code dedup} each identity
     * counts once (rows without identity always count); without, every row counts.
     */
    public SortedMap<LocalDate, long[]> dailySeries(ZoneId zone, boolean dedup) {
        TreeMap<LocalDate, long[]> series = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            if (dedup && (flags[i] & DUPLICATE_BIT) != 0) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(seconds[i], nanos[i]), zone);
            long[] counts = series.computeIfAbsent(day, d -> new long[6]);
            int bucket = flags[i] & 3;
            counts[EMAILS]++;
            if (bucket == FAIL) {
                counts[DKIM_FAIL]++;
            }
            counts[SERIES_PASS + bucket]++;
        }
        if (!series.isEmpty()) {
            for (LocalDate day = series.firstKey(); day.isBefore(series.lastKey()); day = day.plusDays(1)) {
                series.computeIfAbsent(day, d -> new long[6]);
            }
        }
        return series;
    }

    /** The lines of {@link #writeCsv}, header first. */
    public List<String> csvLines(ZoneId zone, boolean dedup) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        dailySeries(zone, dedup).forEach((day, c) -> lines.add(day + "," + c[EMAILS] + "," + c[DKIM_FAIL] + ","
                + c[SERIES_PASS] + "," + c[SERIES_NONE] + "," + c[SERIES_OTHER]));
        return lines;
    }

    /** Writes {@code day,emails,dkimFail,dkimPass,dkimNone,dkimOther} with a header line, LF line ends. */
    public void writeCsv(Path file, ZoneId zone, boolean dedup) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line : csvLines(zone, dedup)) {
                    out.write(line);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
