package io.dkimtrend.parse;

import static io.dkimtrend.parse.BuiltMessage.map;
import static io.dkimtrend.parse.Gen.weighted;

import com.fasterxml.jackson.databind.util.RawValue;
import io.dkimtrend.parse.BuiltMessage.Fate;
import io.dkimtrend.parse.BuiltMessage.Part;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Generators of messages in the shapes Defender sends, each record built with its fate known in
 * advance (email, DKIM failure or not; record of another table; dead letter), and every free-text
 * field full of odd Unicode.
 */
final class RealShapedMessages {

    private RealShapedMessages() {}

    /** The wall clock of the parser these messages are built for: an email further ahead is a dead letter. */
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long LATEST_EMAIL = NOW.plus(MessageParser.DEFAULT_MAX_FUTURE_SKEW).toEpochMilli();

    static MessageParser parser() {
        return new MessageParser(MessageParser.DEFAULT_MAX_MESSAGE_BYTES, MessageParser.DEFAULT_MAX_FUTURE_SKEW,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // --- odd text -------------------------------------------------------------------------

    /** Characters that break naive code: NUL, lone surrogates, direction marks, BOM, non-characters. */
    static final char[] ODD_CHARS = {
        '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u0130', '\u0301',
        '\u200b', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2067', '\u2069',
        '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff',
        '"', '\\', '/', '{', '}', '[', ']', ':', ',', '\n', '\r', '\t'
    };

    private static final Gen<Character> ODD_OR_LATIN = Gen.oneOf(Gen.charsOf(ODD_CHARS), Gen.charRange('a', 'z'));

    static Gen<String> oddText() {
        return Gen.oneOf(
                Gen.strings(Gen.anyChar(), 0, 40),
                Gen.strings(Gen.charsOf(ODD_CHARS), 0, 24),
                Gen.strings(ODD_OR_LATIN, 0, 24),
                Gen.of("", "\ud83d\udce7 Rechnung", "\u202eexe.fdp", "ann\u0000@contoso.com",
                        "\u05e9\u05dc\u05d5\u05dd", "\"DKIM\":\"fail\"", "{\"DKIM\":\"fail\"}", "x".repeat(5_000)));
    }

    // --- Timestamps -----------------------------------------------------------------------

    private static final long FIRST_SECOND = Instant.parse("2001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("2098-12-31T00:00:00Z").getEpochSecond();

    /** A Timestamp's text and the instant it means, in epoch milliseconds. */
    record Stamp(String text, long millis) {

        /** Further ahead of {@link #NOW} than the parser allows. */
        boolean inTheFuture() {
            return millis > LATEST_EMAIL;
        }
    }

    /**
     * A Timestamp in one of the forms Defender and its exports use, within the accepted years: any
     * time of them, a time near {@link #NOW}, or one within seconds of the latest an email may have.
     */
    static Gen<Stamp> validTimestamp() {
        long now = NOW.getEpochSecond();
        long latest = LATEST_EMAIL / 1000;
        Gen<Long> anyTime = random -> random.nextLong(FIRST_SECOND, LAST_SECOND + 1);
        Gen<Long> nearNow = random -> random.nextLong(now - 3 * 86_400, now + 3 * 86_400);
        Gen<Long> nearTheLatest = random -> random.nextLong(latest - 3, latest + 3);
        Gen<Long> seconds = Gen.frequency(weighted(3, anyTime), weighted(1, nearNow), weighted(1, nearTheLatest));
        return random -> {
            long second = seconds.next(random);
            String base = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            int fraction = random.nextInt(10_000_000);
            String millis = Integer.toString(fraction % 1000);
            return switch (random.nextInt(6)) {
                case 0 -> new Stamp(base + "Z", second * 1000);
                case 1 -> new Stamp(base + "." + String.format("%07d", fraction) + "Z", second * 1000 + fraction / 10_000);
                case 2 -> new Stamp(base + "+02:00", (second - 7200) * 1000);
                case 3 -> new Stamp(base, second * 1000);
                case 4 -> new Stamp(base.replace('T', ' '), second * 1000);
                // ".5" is 500 ms
                default -> new Stamp(base + "." + millis + "Z",
                        second * 1000 + Integer.parseInt(millis) * (millis.length() == 1 ? 100 : millis.length() == 2 ? 10 : 1));
            };
        };
    }

    static Gen<String> unusableTimestamp() {
        return Gen.oneOf(
                Gen.of("", "yesterday", "2026-02-30T00:00:00Z", "2026-10-03T25:00:00Z", "2026-10-03",
                        "2026-10-03T10:00:00ZZ", "\u202e2026-10-03T10:00:00Z", "2026-10-03T10:00:00Z\u0000x",
                        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"),
                Gen.strings(Gen.oneOf(Gen.charRange('a', 'z'), Gen.charRange('A', 'Z')), 0, 30).map(text -> "x" + text),
                Gen.strings(Gen.charsOf(ODD_CHARS), 1, 30).map(text -> "\u0000" + text));
    }

    static Gen<String> outOfRangeTimestamp() {
        return Gen.of("1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2099-12-31T23:00:00-02:00");
    }

    // --- AuthenticationDetails and filler ---------------------------------------------------

    private static final List<String> FAIL_VERDICTS = List.of("fail", "FAIL", "Fail");
    private static final List<String> OTHER_VERDICTS =
            List.of("pass", "none", "temperror", "permerror", "", " fail", "fail\u0000", "\u202efail", "f\u0430il");

    /** AuthenticationDetails with whether it means a DKIM failure. */
    record Details(Object value, boolean dkimFail) {}

    static Gen<Details> authenticationDetails() {
        Gen<String> verdict = Gen.oneOf(Gen.of(FAIL_VERDICTS), Gen.of(OTHER_VERDICTS), oddText());
        Gen<String> other = Gen.of("pass", "fail", "none", "softfail", "bestguesspass");
        Gen<Details> encoded = random -> {
            String dkim = verdict.next(random);
            String rest = other.next(random);
            int form = random.nextInt(5);
            Map<String, Object> details = switch (form) {
                case 0 -> map("SPF", rest, "DKIM", dkim, "DMARC", rest, "CompAuth", rest);
                case 1 -> map("DMARC", rest, "dkim", dkim);
                case 2 -> map("CompAuth", rest, "Dkim", dkim, "SPF", rest);
                case 3 -> map("DKIM", dkim);
                default -> map("SPF", rest);
            };
            boolean fail = form < 4 && dkim.equalsIgnoreCase("fail");
            return new Details(form % 2 == 0 ? BuiltMessage.jsonText(details) : details, fail);
        };
        Gen<Details> unusable = Gen.of(
                new Details(null, false), new Details("n/a", false), new Details("{\"DKIM\":\"fail\"", false),
                new Details("", false), new Details(42, false), new Details(List.of("DKIM", "fail"), false),
                new Details(map("DKIM", 7), false), new Details("{\"DKIM\":[\"fail\"]}", false));
        return Gen.frequency(weighted(5, encoded), weighted(1, unusable));
    }

    /**
     * Values for the columns nobody reads: numbers of any length, odd text, strings longer than a
     * read value may be, arrays, nested objects.
     */
    static Gen<Object> filler() {
        return Gen.oneOf(
                oddText(),
                Gen.longs(),
                Gen.doubles(),
                Gen.strings(Gen.charRange('0', '9'), 1, 60).map(BigInteger::new),
                Gen.sizes(61, 100_000).map(digits -> new RawValue("-" + "9".repeat(digits) + ".5e-" + "9".repeat(digits))),
                Gen.sizes(MessageLimits.MAX_READ_CHARS + 1, 200_000).map("y"::repeat),
                Gen.of(new BigDecimal("1E+999999999"), new BigDecimal("-1E-999999999"), Boolean.TRUE),
                oddText().list(4),
                Gen.sizes(1, 40).map(RealShapedMessages::nested));
    }

    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : map("x", value);
        }
        return value;
    }

    // --- records and messages -------------------------------------------------------------

    /**
     * An EmailEvents row (the {@code properties} of a record, or a flat row) with a Timestamp in the
     * accepted years: an email, or a dead letter when the Timestamp lies too far in the future.
     */
    static Gen<Part> emailRow() {
        Gen<Stamp> timestamps = validTimestamp();
        Gen<Details> details = authenticationDetails();
        Gen<String> text = oddText();
        Gen<Object> filler = filler();
        return random -> {
            Stamp timestamp = timestamps.next(random);
            Details auth = details.next(random);
            String id = text.next(random);
            String recipient = text.next(random);
            String subject = text.next(random);
            return new Part(map(
                    "Timestamp", timestamp.text(), "NetworkMessageId", id, "SenderDisplayName", subject,
                    "RecipientEmailAddress", recipient, "Subject", subject, "To", List.of(recipient),
                    "IsFirstContact", Boolean.FALSE, "AuthenticationDetails", auth.value(),
                    "x-extra", filler.next(random), "AdditionalFields", null),
                    timestamp.inTheFuture() ? Fate.DEAD : Fate.EMAIL, auth.dkimFail());
        };
    }

    /** A row whose Timestamp is missing, null, unusable or out of range: a dead letter. */
    static Gen<Part> brokenRow() {
        Gen<Object> timestamps = Gen.oneOf(unusableTimestamp(), outOfRangeTimestamp(),
                Gen.of((Object) 1_793_700_000_000L, List.of()),
                Gen.sizes(61, 100_000).map(digits -> new RawValue("1".repeat(digits))));
        Gen<Details> details = authenticationDetails();
        Gen<String> text = oddText();
        return random -> {
            Object time = timestamps.next(random);
            Object auth = details.next(random).value();
            String subject = text.next(random);
            return new Part(switch (random.nextInt(3)) {
                case 0 -> map("Timestamp", time, "AuthenticationDetails", auth, "Subject", subject);
                case 1 -> map("AuthenticationDetails", auth, "NetworkMessageId", subject);
                default -> map("Subject", subject, "Timestamp", null, "RecipientEmailAddress", subject);
            }, Fate.DEAD, false);
        };
    }

    static Gen<String> emailCategory() {
        return Gen.of("AdvancedHunting-EmailEvents", "advancedhunting-emailevents", "ADVANCEDHUNTING-EMAILEVENTS");
    }

    static Gen<String> otherCategory() {
        return Gen.oneOf(Gen.of("AdvancedHunting-EmailUrlInfo", "AdvancedHunting-DeviceEvents",
                        "AdvancedHunting-EmailEvents ", "AdvancedHunting-EmailEvents\u0000", ""),
                oddText().map(text -> "AdvancedHunting-" + text + "!"));
    }

    /** A Storage-export record (envelope element or bare line) of known fate. */
    static Gen<Part> record() {
        Gen<String> envelopeTime = Gen.oneOf(validTimestamp().map(Stamp::text), oddText());
        Gen<String> emailCategory = emailCategory();
        Gen<String> otherCategory = otherCategory();
        Gen<Part> emailRow = emailRow();
        Gen<Part> anyRow = Gen.oneOf(emailRow, brokenRow());
        Gen<Part> brokenRow = brokenRow();
        Gen<Object> filler = filler();
        Gen<Part> email = random -> {
            String category = emailCategory.next(random);
            Part row = emailRow.next(random);
            return new Part(map("time", envelopeTime.next(random), "tenantId", "t1", "category", category,
                    "properties", row.json()), row.fate(), row.dkimFail());
        };
        Gen<Part> withoutCategory = emailRow.map(row -> new Part(map("properties", row.json()), row.fate(), row.dkimFail()));
        Gen<Part> otherTable = random -> {
            String category = otherCategory.next(random);
            Part row = anyRow.next(random);
            Object extra = filler.next(random);
            return new Part(map("category", category, "properties", extra instanceof String ? extra : row.json()),
                    Fate.OTHER_TABLE, false);
        };
        Gen<Part> broken = random -> {
            String category = emailCategory.next(random);
            Part row = brokenRow.next(random);
            Object extra = filler.next(random);
            return new Part(switch (random.nextInt(3)) {
                case 0 -> map("category", category, "properties", row.json());
                case 1 -> map("category", category, "properties", extra instanceof Map ? "not an object" : extra);
                default -> map("category", category, "time", "2026-10-03T10:00:00Z", "x-note", extra);
            }, Fate.DEAD, false);
        };
        return Gen.frequency(weighted(6, email), weighted(1, withoutCategory), weighted(2, otherTable), weighted(2, broken));
    }

    /** An envelope element that is not an object at all. */
    static Gen<Part> notAnObject() {
        return Gen.<Object>of(42, "text", true, List.of(), List.of(map("Timestamp", "2026-10-03T10:00:00Z")))
                .orNull(0.2).map(value -> new Part(value, Fate.DEAD, false));
    }

    /** Messages in all three shapes, each record of known fate. */
    static Gen<BuiltMessage> builtMessages() {
        Gen<Part> element = Gen.frequency(weighted(9, record()), weighted(1, notAnObject()));
        Gen<BuiltMessage> envelope = element.list(12).map(BuiltMessage::envelope);
        Gen<BuiltMessage> bare = record().map(part -> BuiltMessage.single(part, "bare record"));
        Gen<BuiltMessage> flat = Gen.oneOf(emailRow(), brokenRow()).map(part -> BuiltMessage.single(part, "flat row"));
        return Gen.frequency(weighted(3, envelope), weighted(2, bare), weighted(2, flat));
    }
}
