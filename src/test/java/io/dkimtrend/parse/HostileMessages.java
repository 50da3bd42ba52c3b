package io.dkimtrend.parse;

import static io.dkimtrend.parse.BuiltMessage.map;

import io.dkimtrend.parse.BuiltMessage.Fate;
import io.dkimtrend.parse.BuiltMessage.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the parse path: real-shaped messages built with known fates,
 * the sample bundle's own lines as seeds, their truncations, duplications, splices and byte-level
 * mutations, arbitrary JSON, arbitrary bytes, deep nesting, huge numbers, odd Unicode and other
 * encodings.
 */
public final class HostileMessages {

    private HostileMessages() {}

    // --- odd text -------------------------------------------------------------------------

    /** Characters that break naive code: NUL, lone surrogates, direction marks, BOM, non-characters. */
    static final char[] ODD_CHARS = {
        '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u0130', '\u0301',
        '\u200b', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2067', '\u2069',
        '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff',
        '"', '\\', '/', '{', '}', '[', ']', ':', ',', '\n', '\r', '\t'
    };

    static Arbitrary<String> oddText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars(ODD_CHARS).ofMaxLength(24),
                Arbitraries.strings().withChars(ODD_CHARS).withCharRange('a', 'z').ofMaxLength(24),
                Arbitraries.of("", "\ud83d\udce7 Rechnung", "\u202eexe.fdp", "ann\u0000@contoso.com",
                        "\u05e9\u05dc\u05d5\u05dd", "\"DKIM\":\"fail\"", "{\"DKIM\":\"fail\"}", "x".repeat(5_000)));
    }

    // --- real-shaped records --------------------------------------------------------------

    private static final long FIRST_SECOND = Instant.parse("2001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("2098-12-31T00:00:00Z").getEpochSecond();

    /** A Timestamp in one of the forms Defender and its exports use, within the accepted years. */
    static Arbitrary<String> validTimestamp() {
        Arbitrary<LocalDateTime> times = Arbitraries.longs().between(FIRST_SECOND, LAST_SECOND)
                .map(second -> LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
        Arbitrary<Integer> fraction = Arbitraries.integers().between(0, 9_999_999);
        return Combinators.combine(times, fraction, Arbitraries.integers().between(0, 5)).as((time, f, form) -> {
            String base = time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return switch (form) {
                case 0 -> base + "Z";
                case 1 -> base + "." + String.format("%07d", f) + "Z";
                case 2 -> base + "+02:00";
                case 3 -> base;
                case 4 -> base.replace('T', ' ');
                default -> base + "." + (f % 1000) + "Z";
            };
        });
    }

    static Arbitrary<String> unusableTimestamp() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "yesterday", "2026-02-30T00:00:00Z", "2026-10-03T25:00:00Z", "2026-10-03",
                        "2026-10-03T10:00:00ZZ", "\u202e2026-10-03T10:00:00Z", "2026-10-03T10:00:00Z\u0000x",
                        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"),
                Arbitraries.strings().alpha().ofMaxLength(30).map(text -> "x" + text),
                Arbitraries.strings().withChars(ODD_CHARS).ofMinLength(1).ofMaxLength(30).map(text -> "\u0000" + text));
    }

    static Arbitrary<String> outOfRangeTimestamp() {
        return Arbitraries.of("1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2099-12-31T23:00:00-02:00");
    }

    private static final List<String> FAIL_VERDICTS = List.of("fail", "FAIL", "Fail");
    private static final List<String> OTHER_VERDICTS =
            List.of("pass", "none", "temperror", "permerror", "", " fail", "fail\u0000", "\u202efail", "f\u0430il");

    /** AuthenticationDetails with whether it means a DKIM failure. */
    record Details(Object value, boolean dkimFail) {}

    static Arbitrary<Details> authenticationDetails() {
        Arbitrary<String> verdict = Arbitraries.oneOf(Arbitraries.of(FAIL_VERDICTS), Arbitraries.of(OTHER_VERDICTS), oddText());
        Arbitrary<String> other = Arbitraries.of("pass", "fail", "none", "softfail", "bestguesspass");
        Arbitrary<Details> encoded = Combinators.combine(verdict, other, Arbitraries.integers().between(0, 4))
                .as((dkim, rest, form) -> {
                    Map<String, Object> details = switch (form) {
                        case 0 -> map("SPF", rest, "DKIM", dkim, "DMARC", rest, "CompAuth", rest);
                        case 1 -> map("DMARC", rest, "dkim", dkim);
                        case 2 -> map("CompAuth", rest, "Dkim", dkim, "SPF", rest);
                        case 3 -> map("DKIM", dkim);
                        default -> map("SPF", rest);
                    };
                    boolean fail = form < 4 && dkim.equalsIgnoreCase("fail");
                    return new Details(form % 2 == 0 ? BuiltMessage.jsonText(details) : details, fail);
                });
        Arbitrary<Details> unusable = Arbitraries.of(
                new Details(null, false), new Details("n/a", false), new Details("{\"DKIM\":\"fail\"", false),
                new Details("", false), new Details(42, false), new Details(List.of("DKIM", "fail"), false),
                new Details(map("DKIM", 7), false), new Details("{\"DKIM\":[\"fail\"]}", false));
        return Arbitraries.frequencyOf(Tuple.of(5, encoded), Tuple.of(1, unusable));
    }

    /** Values for the columns nobody reads: numbers up to the limit, odd text, arrays, nested objects. */
    static Arbitrary<Object> filler() {
        return Arbitraries.oneOf(
                oddText().map(text -> (Object) text),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(n -> (Object) n),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(60).map(digits -> (Object) new BigInteger(digits)),
                Arbitraries.of((Object) new BigDecimal("1E+999999999"), new BigDecimal("-1E-999999999"), Boolean.TRUE),
                oddText().list().ofMaxSize(4).map(list -> (Object) list),
                Arbitraries.integers().between(1, 40).map(HostileMessages::nested));
    }

    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : map("x", value);
        }
        return value;
    }

    /** An EmailEvents row (the {@code properties} of a record, or a flat row) with a usable Timestamp. */
    static Arbitrary<Part> emailRow() {
        return Combinators.combine(validTimestamp(), authenticationDetails(), oddText(), oddText(), filler(), filler())
                .as((timestamp, details, id, recipient, subject, extra) -> new Part(map(
                        "Timestamp", timestamp, "NetworkMessageId", id, "SenderDisplayName", subject,
                        "RecipientEmailAddress", recipient, "Subject", subject, "To", List.of(recipient),
                        "IsFirstContact", Boolean.FALSE, "AuthenticationDetails", details.value(),
                        "x-extra", extra, "AdditionalFields", null), Fate.EMAIL, details.dkimFail()));
    }

    /** A row whose Timestamp is missing, null, unusable or out of range: a dead letter. */
    static Arbitrary<Part> brokenRow() {
        Arbitrary<Object> timestamp = Arbitraries.oneOf(unusableTimestamp().map(t -> (Object) t),
                outOfRangeTimestamp().map(t -> (Object) t), Arbitraries.of((Object) 1_793_700_000_000L, List.of()));
        return Combinators.combine(timestamp, authenticationDetails(), oddText(), Arbitraries.integers().between(0, 2))
                .as((time, details, subject, form) -> new Part(switch (form) {
                    case 0 -> map("Timestamp", time, "AuthenticationDetails", details.value(), "Subject", subject);
                    case 1 -> map("AuthenticationDetails", details.value(), "NetworkMessageId", subject);
                    default -> map("Subject", subject, "Timestamp", null, "RecipientEmailAddress", subject);
                }, Fate.DEAD, false));
    }

    static Arbitrary<String> emailCategory() {
        return Arbitraries.of("AdvancedHunting-EmailEvents", "advancedhunting-emailevents", "ADVANCEDHUNTING-EMAILEVENTS");
    }

    static Arbitrary<String> otherCategory() {
        return Arbitraries.oneOf(Arbitraries.of("AdvancedHunting-EmailUrlInfo", "AdvancedHunting-DeviceEvents",
                        "AdvancedHunting-EmailEvents ", "AdvancedHunting-EmailEvents\u0000", ""),
                oddText().map(text -> "AdvancedHunting-" + text + "!"));
    }

    /** A Storage-export record (envelope element or bare line) of known fate. */
    static Arbitrary<Part> record() {
        Arbitrary<String> envelopeTime = Arbitraries.oneOf(validTimestamp(), oddText());
        Arbitrary<Part> email = Combinators.combine(emailCategory(), emailRow(), envelopeTime)
                .as((category, row, time) -> new Part(
                        map("time", time, "tenantId", "t1", "category", category, "properties", row.json()),
                        Fate.EMAIL, row.dkimFail()));
        Arbitrary<Part> withoutCategory = emailRow().map(row -> new Part(map("properties", row.json()), Fate.EMAIL, row.dkimFail()));
        Arbitrary<Part> otherTable = Combinators.combine(otherCategory(), Arbitraries.oneOf(emailRow(), brokenRow()), filler())
                .as((category, row, extra) -> new Part(map("category", category,
                        "properties", extra instanceof String ? extra : row.json()), Fate.OTHER_TABLE, false));
        Arbitrary<Part> broken = Combinators.combine(emailCategory(), brokenRow(), filler(), Arbitraries.integers().between(0, 2))
                .as((category, row, extra, form) -> new Part(switch (form) {
                    case 0 -> map("category", category, "properties", row.json());
                    case 1 -> map("category", category, "properties", extra instanceof Map ? "not an object" : extra);
                    default -> map("category", category, "time", "2026-10-03T10:00:00Z", "x-note", extra);
                }, Fate.DEAD, false));
        return Arbitraries.frequencyOf(Tuple.of(6, email), Tuple.of(1, withoutCategory), Tuple.of(2, otherTable),
                Tuple.of(2, broken));
    }

    /** An envelope element that is not an object at all. */
    static Arbitrary<Part> notAnObject() {
        return Arbitraries.of(42, "text", true, List.of(), List.of(map("Timestamp", "2026-10-03T10:00:00Z")))
                .injectNull(0.2).map(value -> new Part(value, Fate.DEAD, false));
    }

    /** Messages in all three shapes, each record of known fate. */
    static Arbitrary<BuiltMessage> builtMessages() {
        Arbitrary<BuiltMessage> envelope = Arbitraries.frequencyOf(Tuple.of(9, record()), Tuple.of(1, notAnObject()))
                .list().ofMaxSize(12).map(BuiltMessage::envelope);
        Arbitrary<BuiltMessage> bare = record().map(part -> BuiltMessage.single(part, "bare record"));
        Arbitrary<BuiltMessage> flat = Arbitraries.oneOf(emailRow(), brokenRow()).map(part -> BuiltMessage.single(part, "flat row"));
        return Arbitraries.frequencyOf(Tuple.of(3, envelope), Tuple.of(2, bare), Tuple.of(2, flat));
    }

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

    static Arbitrary<byte[]> seeds() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(sampleLines())), Tuple.of(1, builtMessages().map(BuiltMessage::bytes)));
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

    /** Up to four edits of a seed, drawn straight from the random source: cheap enough for a million tries. */
    static Arbitrary<byte[]> mutated(Arbitrary<byte[]> seeds) {
        List<byte[]> others = sampleLines();
        Arbitrary<List<Mutation>> edits = Arbitraries.randomValue(random -> {
            List<Mutation> list = new ArrayList<>();
            for (int k = 0, count = 1 + random.nextInt(4); k < count; k++) {
                list.add(new Mutation(Edit.values()[random.nextInt(Edit.values().length)], random.nextDouble(),
                        random.nextDouble() * random.nextDouble(), random.nextInt(), others.get(random.nextInt(others.size()))));
            }
            return list;
        });
        return Combinators.combine(seeds, edits).as((seed, list) -> {
            byte[] message = seed;
            for (Mutation edit : list) message = edit.apply(message);
            return message;
        });
    }

    // --- arbitrary JSON, bytes, depth, numbers, encodings -----------------------------------

    private static final List<String> KEYS = List.of("records", "category", "properties", "Timestamp",
            "AuthenticationDetails", "NetworkMessageId", "RecipientEmailAddress", "tenantId", "TenantId", "time", "DKIM");

    /**
     * Any JSON value up to five levels deep, with the keys the parser looks for among random ones and
     * any characters in strings; drawn straight from the random source (jqwik's combinators would
     * spend milliseconds per value on shrinking trees).
     */
    static Arbitrary<byte[]> arbitraryJson() {
        return Arbitraries.randomValue(random -> BuiltMessage.json(jsonValue(random, 5)));
    }

    private static Object jsonValue(Random random, int depth) {
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

    private static String randomText(Random random) {
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

    static Arbitrary<byte[]> arbitraryBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_048);
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

    static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 100_000), Arbitraries.integers().between(0, 2))
                .as(HostileMessages::nestedRow);
    }

    static Arbitrary<byte[]> hugeNumbers() {
        return Combinators.combine(Arbitraries.integers().between(1, 5_000), Arbitraries.of("", "-", "0.", "1e"))
                .as((digits, prefix) -> ("{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"Size\":" + prefix
                        + "7".repeat(digits) + "}").getBytes(StandardCharsets.UTF_8));
    }

    static final List<Charset> OTHER_ENCODINGS = List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE, Charset.forName("UTF-32"), Charset.forName("UTF-32LE"), StandardCharsets.ISO_8859_1);

    static Arbitrary<byte[]> otherEncodings() {
        return Combinators.combine(builtMessages(), Arbitraries.of(OTHER_ENCODINGS))
                .as((message, charset) -> new String(message.bytes(), StandardCharsets.UTF_8).getBytes(charset));
    }

    /** Everything above, in one stream: what the long run draws a million times from. */
    static Arbitrary<byte[]> anything() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(sampleLines())),
                Tuple.of(6, mutated(seeds())),
                Tuple.of(2, builtMessages().map(BuiltMessage::bytes)),
                Tuple.of(2, arbitraryJson()),
                Tuple.of(2, arbitraryBytes()),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, hugeNumbers()),
                Tuple.of(1, otherEncodings()));
    }

    /**
     * One hostile message drawn from a plain random source, without jqwik (whose generators run only
     * inside its properties): for tests that write many of them to a file and run the whole job.
     */
    public static byte[] randomMessage(Random random) {
        List<byte[]> lines = sampleLines();
        byte[] seed = lines.get(random.nextInt(lines.size()));
        return switch (random.nextInt(8)) {
            case 0 -> seed;
            case 1, 2, 3 -> {
                byte[] message = seed;
                for (int k = 0, count = 1 + random.nextInt(4); k < count; k++) {
                    message = new Mutation(Edit.values()[random.nextInt(Edit.values().length)], random.nextDouble(),
                            random.nextDouble() * random.nextDouble(), random.nextInt(),
                            lines.get(random.nextInt(lines.size()))).apply(message);
                }
                yield message;
            }
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
