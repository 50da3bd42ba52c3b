package io.dkimtrend.parse;

import static io.dkimtrend.parse.Gen.weighted;
import static io.dkimtrend.parse.RealShapedMessages.ODD_CHARS;
import static io.dkimtrend.parse.RealShapedMessages.builtMessages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Generators of hostile input for the parse path: the sample bundle's own lines and real-shaped
 * messages ({@link RealShapedMessages}) as seeds, their truncations, duplications, splices and
 * byte-level mutations, arbitrary JSON, arbitrary bytes, deep nesting, huge numbers, long values
 * where the job skips them and where it reads them, and other encodings.
 */
public final class HostileMessages {

    private HostileMessages() {}

    // --- seeds and mutations --------------------------------------------------------------

    private static final int SEED_MAX_BYTES = 64 * 1024;
    private static volatile List<byte[]> sampleLines;

    /** The sample bundle's plain (not .gz) lines below 64 KiB: every shape, good and malformed. */
    static List<byte[]> sampleLines() {
        if (sampleLines == null) {
            List<byte[]> lines = new ArrayList<>();
            try (Stream<Path> files = Files.walk(Path.of("sample-events", "events"))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).sorted().toList()) {
                    for (String line : Files.readString(file).split("\r?\n")) {
                        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        if (!line.isBlank() && bytes.length < SEED_MAX_BYTES) lines.add(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sampleLines = List.copyOf(lines);
        }
        return sampleLines;
    }

    static Gen<byte[]> seeds() {
        return Gen.frequency(weighted(3, Gen.of(sampleLines())), weighted(1, builtMessages().map(BuiltMessage::bytes)));
    }

    /** Bytes that break parsers when dropped anywhere: structure, escapes, bad UTF-8, numbers, depth. */
    static final List<byte[]> SNIPPETS = Stream.of(
            "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\\ud800", "\\udfff\\ud800", "\\u", "\\x",
            "\"records\":[", "\"records\":[{}],", "\"Timestamp\":\"2026-10-03T10:00:00Z\",",
            "\"category\":\"AdvancedHunting-EmailEvents\",", "\"properties\":", "null", "1e999999999",
            "9".repeat(100), "-0.0e-0", "[".repeat(80), "{\"a\":".repeat(70), "\n", "\r\n", "\u202e", "\u200f",
            "\ufeff", "\u0000").map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();

    static final List<byte[]> BAD_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE9}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x93}, new byte[] {0});

    enum Edit { TRUNCATE, DELETE, DUPLICATE, REPLACE_BYTE, INSERT_SNIPPET, INSERT_BAD_UTF8, SPLICE }

    /** One edit at positions given as fractions of the length, so it applies to any message. */
    record Mutation(Edit edit, double at, double to, int value, byte[] other) {

        byte[] apply(byte[] message) {
            int n = message.length;
            int i = (int) (at * n);
            int j = Math.min(n, i + (int) (to * (n - i)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(n + 128);
            switch (edit) {
                case TRUNCATE -> out.write(message, 0, i);
                case DELETE -> {
                    out.write(message, 0, i);
                    out.write(message, j, n - j);
                }
                case DUPLICATE -> {
                    out.write(message, 0, j);
                    out.write(message, i, j - i);
                    out.write(message, j, n - j);
                }
                case REPLACE_BYTE -> {
                    out.write(message, 0, n);
                    byte[] bytes = out.toByteArray();
                    if (n > 0) bytes[Math.min(i, n - 1)] = (byte) value;
                    return bytes;
                }
                case INSERT_SNIPPET, INSERT_BAD_UTF8 -> {
                    List<byte[]> choices = edit == Edit.INSERT_SNIPPET ? SNIPPETS : BAD_UTF8;
                    out.write(message, 0, i);
                    out.writeBytes(choices.get(Math.floorMod(value, choices.size())));
                    out.write(message, i, n - i);
                }
                case SPLICE -> {
                    out.write(message, 0, i);
                    int from = (int) (to * other.length);
                    out.write(other, from, other.length - from);
                }
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return edit + "@" + at + ".." + to + " (" + value + ")";
        }
    }

    /** Up to four edits of a seed, the other message of a splice drawn from the sample lines. */
    static Gen<byte[]> mutated(Gen<byte[]> seeds) {
        return random -> mutate(seeds.next(random), random);
    }

    private static byte[] mutate(byte[] seed, RandomGenerator random) {
        List<byte[]> others = sampleLines();
        byte[] message = seed;
        for (int k = 0, count = 1 + random.nextInt(4); k < count; k++) {
            message = new Mutation(Edit.values()[random.nextInt(Edit.values().length)], random.nextDouble(),
                    random.nextDouble() * random.nextDouble(), random.nextInt(),
                    others.get(random.nextInt(others.size()))).apply(message);
        }
        return message;
    }

    // --- arbitrary JSON, bytes, depth, numbers, encodings -----------------------------------

    private static final List<String> KEYS = List.of("records", "category", "properties", "Timestamp",
            "AuthenticationDetails", "NetworkMessageId", "RecipientEmailAddress", "tenantId", "TenantId", "time", "DKIM");

    /**
     * Any JSON value up to five levels deep, with the keys the parser looks for among random ones and
     * any characters in strings.
     */
    static Gen<byte[]> arbitraryJson() {
        return random -> BuiltMessage.json(jsonValue(random, 5));
    }

    private static Object jsonValue(RandomGenerator random, int depth) {
        int kind = random.nextInt(depth == 0 ? 6 : 9);
        return switch (kind) {
            case 0 -> randomText(random);
            case 1 -> random.nextBoolean() ? "2026-10-03T10:00:00Z" : "AdvancedHunting-EmailEvents";
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(600) - 300);
            case 4 -> random.nextBoolean();
            case 5 -> null;
            case 6, 7 -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    String key = random.nextInt(3) == 0 ? randomText(random) : KEYS.get(random.nextInt(KEYS.size()));
                    map.put(key, jsonValue(random, depth - 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(6); i > 0; i--) list.add(jsonValue(random, depth - 1));
                yield list;
            }
        };
    }

    private static String randomText(RandomGenerator random) {
        char[] chars = new char[random.nextInt(16)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (random.nextInt(3)) {
                case 0 -> ODD_CHARS[random.nextInt(ODD_CHARS.length)];
                case 1 -> (char) ('a' + random.nextInt(26));
                default -> (char) random.nextInt(0x10000);
            };
        }
        return new String(chars);
    }

    static Gen<byte[]> arbitraryBytes() {
        return Gen.bytes(2_048);
    }

    /** A row whose filler column nests {@code depth} levels: arrays, objects or both. */
    static byte[] nestedRow(int depth, int form) {
        String open = switch (form % 3) {
            case 0 -> "[";
            case 1 -> "{\"a\":";
            default -> "[{\"a\":";
        };
        int levels = form % 3 == 2 ? Math.max(1, depth / 2) : depth;
        StringBuilder row = new StringBuilder(levels * open.length() * 2 + 100)
                .append("{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"x\":");
        row.append(open.repeat(levels)).append('1');
        String close = switch (form % 3) {
            case 0 -> "]";
            case 1 -> "}";
            default -> "}]";
        };
        row.append(close.repeat(levels)).append('}');
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Depths from 1 to 100,000, every power of two as likely as the next, and those around the limit. */
    static Gen<Integer> depths() {
        return Gen.frequency(weighted(3, Gen.sizes(1, 100_000)), weighted(1, Gen.ints(60, 70)));
    }

    static Gen<byte[]> deepNesting() {
        Gen<Integer> depths = depths();
        return random -> nestedRow(depths.next(random), random.nextInt(3));
    }

    /** A row whose {@code column} holds {@code digits} digits after {@code prefix}. */
    static byte[] hugeNumberRow(String column, String prefix, int digits) {
        String timestamp = column.equals("Timestamp") ? "" : "\"Timestamp\":\"2026-10-03T10:00:00Z\",";
        return ("{" + timestamp + "\"" + column + "\":" + prefix + "7".repeat(digits) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static Gen<byte[]> hugeNumbers() {
        Gen<Integer> digits = Gen.frequency(weighted(3, Gen.sizes(1, 100_000)), weighted(1, Gen.ints(60, 70)));
        Gen<String> prefixes = Gen.of("", "-", "0.", "1e", "-1.5e-");
        Gen<String> columns = Gen.of("Size", "Size", "Timestamp", "NetworkMessageId");
        return random -> hugeNumberRow(columns.next(random), prefixes.next(random), digits.next(random));
    }

    // --- long values, placed where the job skips them or reads them -------------------------

    /**
     * A long value (JSON text: a number or a string) placed in an envelope whose two other records
     * are DKIM-failing emails, with what the record holding it must become: {@code emails} and
     * {@code dkimFailures} of its own (0 or 1), and the start of its dead letter's reason, or null.
     */
    record Placed(String where, String value, int emails, int dkimFailures, String reason, byte[] envelope) {

        @Override
        public String toString() {
            return value.length() + " characters " + value.substring(0, Math.min(value.length(), 24)) + "... in " + where;
        }
    }

    private static final String FAILING_DETAILS = "\"{\\\"SPF\\\":\\\"pass\\\",\\\"DKIM\\\":\\\"fail\\\"}\"";

    /** An EmailEvents record, DKIM failing, with {@code extraProperties} among its columns and {@code extra} beside them. */
    private static String emailRecord(String extraProperties, String extra) {
        return "{\"time\":\"2026-10-03T10:00:01.1234567Z\"," + extra + "\"category\":\"AdvancedHunting-EmailEvents\","
                + "\"properties\":{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"AuthenticationDetails\":" + FAILING_DETAILS
                + ",\"NetworkMessageId\":\"m\",\"Subject\":\"s\"" + extraProperties + "},\"Tenant\":\"DefaultTenant\"}";
    }

    /** A number (any sign, fraction, exponent) or a string (of plain letters) of about {@code length} characters. */
    private static Gen<String> longValue() {
        Gen<Integer> lengths = Gen.frequency(weighted(3, Gen.sizes(1, 1_000_000)), weighted(1, Gen.ints(60, 70)),
                weighted(1, Gen.ints(MessageLimits.MAX_READ_CHARS - 2, MessageLimits.MAX_READ_CHARS + 2)));
        Gen<String> prefixes = Gen.of("", "-", "0.", "1e", "-1.5e-", "\"");
        return random -> {
            String prefix = prefixes.next(random);
            int length = lengths.next(random);
            return prefix.equals("\"") ? "\"" + "x".repeat(length) + "\"" : prefix + "7".repeat(length);
        };
    }

    /** Long values where the job skips them: the message is two emails, every one counted. */
    static Gen<Placed> longSkippedValues() {
        Gen<String> values = longValue();
        List<String> places = List.of("a column nobody reads", "an array", "a nested object", "the envelope",
                "a record beside its properties", "inside AuthenticationDetails", "another table's Timestamp");
        return random -> {
            String value = values.next(random);
            String where = places.get(random.nextInt(places.size()));
            if (where.equals("inside AuthenticationDetails") && value.length() > MessageLimits.MAX_READ_CHARS - 100) {
                // the details string is a value the job reads: it holds what it skips only up to the read limit
                where = places.get(0);
            }
            String good = emailRecord("", "");
            String envelope = switch (where) {
                case "a column nobody reads" -> "{\"records\":[" + good + "," + emailRecord(",\"AttachmentCount\":" + value, "") + "]}";
                case "an array" -> "{\"records\":[" + good + "," + emailRecord(",\"To\":[\"a@x.com\"," + value + "]", "") + "]}";
                case "a nested object" -> "{\"records\":[" + good + ","
                        + emailRecord(",\"AdditionalFields\":{\"a\":[{\"n\":" + value + "}]}", "") + "]}";
                case "the envelope" -> "{\"count\":" + value + ",\"records\":[" + good + "," + good + "]}";
                case "a record beside its properties" -> "{\"records\":[" + good + "," + emailRecord("", "\"x\":" + value + ",") + "]}";
                case "inside AuthenticationDetails" -> "{\"records\":[" + good + "," + good.replace("{\\\"SPF",
                        "{\\\"Size\\\":" + value.replace("\"", "\\\"") + ",\\\"SPF") + "]}";
                default -> "{\"records\":[" + good + ",{\"category\":\"AdvancedHunting-EmailAttachmentInfo\","
                        + "\"properties\":{\"Timestamp\":" + value + "}}," + good + "]}";
            };
            return new Placed(where, value, 0, 0, null, envelope.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The columns the job reads, in the properties or, for the first two, beside them. */
    static final List<String> READ_COLUMNS = List.of("category", "tenantId", "Timestamp", "AuthenticationDetails",
            "NetworkMessageId", "RecipientEmailAddress", "SenderFromDomain", "SenderFromAddress", "TenantId");

    /**
     * Long values in a column the job reads, in the middle record of three: its fate follows the
     * column and the value; the emails around it always count.
     */
    static Gen<Placed> longReadValues() {
        Gen<String> values = longValue();
        return random -> {
            String value = values.next(random);
            String column = READ_COLUMNS.get(random.nextInt(READ_COLUMNS.size()));
            String good = emailRecord("", "");
            String properties = "{" + (column.equals("Timestamp") ? "" : "\"Timestamp\":\"2026-10-03T10:00:00Z\",")
                    + (column.equals("AuthenticationDetails") ? "" : "\"AuthenticationDetails\":" + FAILING_DETAILS + ",")
                    + (column.equals("category") || column.equals("tenantId") ? "" : "\"" + column + "\":" + value + ",")
                    + "\"Subject\":\"s\"}";
            String record = "{" + (column.equals("category") ? "" : "\"category\":\"AdvancedHunting-EmailEvents\",")
                    + (column.equals("category") || column.equals("tenantId") ? "\"" + column + "\":" + value + "," : "")
                    + "\"properties\":" + properties + "}";
            byte[] envelope = ("{\"records\":[" + good + "," + record + "," + good + "]}").getBytes(StandardCharsets.UTF_8);
            boolean string = value.startsWith("\"");
            int length = value.length() - (string ? 2 : 0);
            if (string && length > MessageLimits.MAX_READ_CHARS) {
                return new Placed(column, value, 0, 0, "over a read limit: " + column + " of " + length
                        + " characters exceeds the maximum of " + MessageLimits.MAX_READ_CHARS, envelope);
            }
            return switch (column) {
                case "Timestamp" -> new Placed(column, value, 0, 0,
                        string ? "unparseable Timestamp: " : "Timestamp is not a string: a number of " + length + " characters", envelope);
                // no usable details: counted without a verdict
                case "AuthenticationDetails" -> new Placed(column, value, 1, 0, null, envelope);
                // a category of letters is another table's; a number reads as no category, an email
                case "category" -> string ? new Placed(column, value, 0, 0, null, envelope) : new Placed(column, value, 1, 1, null, envelope);
                default -> new Placed(column, value, 1, 1, null, envelope);
            };
        };
    }

    static final List<Charset> OTHER_ENCODINGS = List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE, Charset.forName("UTF-32"), Charset.forName("UTF-32LE"), StandardCharsets.ISO_8859_1);

    static Gen<byte[]> otherEncodings() {
        Gen<BuiltMessage> messages = builtMessages();
        Gen<Charset> charsets = Gen.of(OTHER_ENCODINGS);
        return random -> new String(messages.next(random).bytes(), StandardCharsets.UTF_8).getBytes(charsets.next(random));
    }

    /** Everything above, in one stream: what the long run draws a million times from. */
    static Gen<byte[]> anything() {
        return Gen.frequency(
                weighted(1, Gen.of(sampleLines())),
                weighted(6, mutated(seeds())),
                weighted(2, builtMessages().map(BuiltMessage::bytes)),
                weighted(2, arbitraryJson()),
                weighted(2, arbitraryBytes()),
                weighted(1, deepNesting()),
                weighted(1, hugeNumbers()),
                weighted(1, longSkippedValues().map(Placed::envelope)),
                weighted(1, longReadValues().map(Placed::envelope)),
                weighted(1, otherEncodings()));
    }

    /**
     * One hostile message of a lighter mix than {@link #anything()} (nesting up to 1,000 levels, byte
     * strings up to 512): for tests that write many of them to a file and run the whole job.
     */
    public static byte[] randomMessage(Random random) {
        List<byte[]> lines = sampleLines();
        byte[] seed = lines.get(random.nextInt(lines.size()));
        return switch (random.nextInt(8)) {
            case 0 -> seed;
            case 1, 2, 3 -> mutate(seed, random);
            case 4 -> BuiltMessage.json(jsonValue(random, 5));
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(512)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> nestedRow(1 + random.nextInt(1_000), random.nextInt(3));
            default -> new String(seed, StandardCharsets.UTF_8).getBytes(OTHER_ENCODINGS.get(random.nextInt(OTHER_ENCODINGS.size())));
        };
    }

    static String describe(byte[] message) {
        if (message == null) return "null";
        String text = new String(message, 0, Math.min(message.length, 300), StandardCharsets.UTF_8);
        return message.length + " bytes: " + text + (message.length > 300 ? "..." : "") + " " + Arrays.toString(
                Arrays.copyOf(message, Math.min(message.length, 16)));
    }
}
