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
 * byte-level mutations, arbitrary JSON, arbitrary bytes, deep nesting, huge numbers and other
 * encodings.
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

    /** A row whose Size holds {@code digits} digits after {@code prefix}. */
    static byte[] hugeNumberRow(String prefix, int digits) {
        return ("{\"Timestamp\":\"2026-10-03T10:00:00Z\",\"Size\":" + prefix + "7".repeat(digits) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Gen<byte[]> hugeNumbers() {
        Gen<Integer> digits = Gen.frequency(weighted(3, Gen.sizes(1, 5_000)), weighted(1, Gen.ints(60, 70)));
        Gen<String> prefixes = Gen.of("", "-", "0.", "1e");
        return random -> hugeNumberRow(prefixes.next(random), digits.next(random));
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
