package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import io.dkimtrend.model.SourceItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message shape, as a table: a message in, what the parser makes of it out. An email is
 * written {@code email <event time> <DKIM> <identity>}, a dead letter {@code dead <reason>}, other
 * tables' records {@code skipped <n>}.
 */
class MessageParserTest {

    static final String PASS = auth("SPF", "pass", "DKIM", "pass", "DMARC", "pass", "CompAuth", "pass");
    static final String FAIL = auth("SPF", "pass", "DKIM", "fail", "DMARC", "pass", "CompAuth", "fail");

    static Stream<Arguments> messages() {
        String failing = row("2026-11-03T10:00:00Z", FAIL, "m1", "Ann@Contoso.com");
        String passing = row("2026-11-03T11:00:00Z", PASS, "m2", "bob@contoso.com");
        return Stream.of(
                arguments("Event Hubs envelope with two emails and another table",
                        envelope(record("AdvancedHunting-EmailEvents", failing),
                                record("AdvancedHunting-EmailUrlInfo", "{\"Url\":\"https://x\"}"),
                                record("AdvancedHunting-EmailEvents", passing)),
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com",
                                "email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com", "skipped 1")),
                arguments("bare record (Storage export line)", record("AdvancedHunting-EmailEvents", failing),
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com")),
                arguments("flat Advanced Hunting row", failing,
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com")),
                arguments("record without category", "{\"properties\":" + passing + "}",
                        List.of("email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com")),
                arguments("category in another letter case", record("advancedhunting-emailevents", passing),
                        List.of("email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com")),
                arguments("another table only", envelope(record("AdvancedHunting-DeviceEvents", "{\"Timestamp\":1}"),
                                record("AdvancedHunting-EmailAttachmentInfo", "{}")),
                        List.of("skipped 2")),
                arguments("empty envelope", "{\"records\":[]}", List.of()),
                arguments("seven fractional digits",
                        row("2026-11-03T23:59:59.9999999Z", PASS, "m3", "c@x.com"),
                        List.of("email 2026-11-03T23:59:59.999Z PASS m3|c@x.com")),
                arguments("offset", row("2026-11-04T01:30:00+02:00", PASS, "m3", "c@x.com"),
                        List.of("email 2026-11-03T23:30:00Z PASS m3|c@x.com")),
                arguments("no zone means UTC", row("2026-11-03T08:00:00", PASS, "m3", "c@x.com"),
                        List.of("email 2026-11-03T08:00:00Z PASS m3|c@x.com")),
                arguments("AuthenticationDetails as an object",
                        "{\"Timestamp\":\"2026-11-03T08:00:00Z\",\"AuthenticationDetails\":{\"DKIM\":\"Fail\"}}",
                        List.of("email 2026-11-03T08:00:00Z FAIL -")),
                arguments("AuthenticationDetails null",
                        "{\"Timestamp\":\"2026-11-03T08:00:00Z\",\"AuthenticationDetails\":null}",
                        List.of("email 2026-11-03T08:00:00Z NONE -")),
                arguments("AuthenticationDetails not JSON",
                        "{\"Timestamp\":\"2026-11-03T08:00:00Z\",\"AuthenticationDetails\":\"n/a\"}",
                        List.of("email 2026-11-03T08:00:00Z NONE -")),
                arguments("DKIM fail text in the Subject does not count",
                        "{\"Subject\":\"re: \\\"DKIM\\\":\\\"fail\\\"\",\"Timestamp\":\"2026-11-03T08:00:00Z\","
                                + "\"AuthenticationDetails\":" + PASS + "}",
                        List.of("email 2026-11-03T08:00:00Z PASS -")),
                arguments("missing recipient: counted, never deduplicated",
                        row("2026-11-03T08:00:00Z", FAIL, "m4", null),
                        List.of("email 2026-11-03T08:00:00Z FAIL -")),
                arguments("envelope with one record lacking Timestamp",
                        envelope(record("AdvancedHunting-EmailEvents", failing),
                                record("AdvancedHunting-EmailEvents", "{\"AuthenticationDetails\":" + FAIL + "}")),
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com", "dead record without Timestamp")),
                arguments("unparseable Timestamp", record("AdvancedHunting-EmailEvents", row("yesterday", FAIL, "m5", "d@x.com")),
                        List.of("dead unparseable Timestamp: \"yesterday\"")),
                arguments("Timestamp null", "{\"Timestamp\":null,\"NetworkMessageId\":\"m6\"}",
                        List.of("dead record without Timestamp")),
                arguments("record that is not an object", "{\"records\":[" + record("AdvancedHunting-EmailEvents", passing) + ",42]}",
                        List.of("email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com", "dead record is not a JSON object")),
                arguments("properties not an object", "{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":\"x\"}",
                        List.of("dead properties is not a JSON object")),
                arguments("unknown shape", "{\"foo\":1}",
                        List.of("dead not an EmailEvents message: no records, properties or EmailEvents columns")),
                arguments("JSON array", "[" + failing + "]", List.of("dead not a JSON object")),
                arguments("not JSON", "hello world", List.of("dead not valid JSON")),
                arguments("truncated envelope: nothing of it counts",
                        envelope(record("AdvancedHunting-EmailEvents", failing), record("AdvancedHunting-EmailEvents", passing))
                                .substring(0, 700),
                        List.of("dead not valid JSON")),
                arguments("two objects on one line", failing + failing, List.of("dead not valid JSON")),
                arguments("two records arrays: neither counts", "{\"records\":[" + failing + "],\"records\":[" + passing + "]}",
                        List.of("dead not valid JSON")),
                arguments("Timestamp before 2000", row("1999-12-31T23:59:59Z", PASS, "m7", "e@x.com"),
                        List.of("dead Timestamp out of range (2000 to 2099): \"1999-12-31T23:59:59Z\"")),
                arguments("Timestamp in 2100", row("2100-01-01T00:00:00Z", PASS, "m7", "e@x.com"),
                        List.of("dead Timestamp out of range (2000 to 2099): \"2100-01-01T00:00:00Z\"")),
                arguments("escaped NUL, lone surrogate and right-to-left mark in text are normal input",
                        "{\"Subject\":\"\\u0000\\ud800\u202e\",\"Timestamp\":\"2026-11-03T08:00:00Z\"}",
                        List.of("email 2026-11-03T08:00:00Z NONE -")),
                arguments("empty line", "", List.of("dead empty message")));
    }

    private static final String DIGITS_65 = "9".repeat(65);
    private static final String OVER_READ_LIMIT = "x".repeat(MessageLimits.MAX_READ_CHARS + 1);

    /**
     * Long numbers and strings: where the job skips them, only the message size bounds them; in a
     * column it reads, they make their record a dead letter and the rest of the message counts.
     */
    static Stream<Arguments> longValues() {
        String failing = row("2026-11-03T10:00:00Z", FAIL, "m1", "Ann@Contoso.com");
        String passing = row("2026-11-03T11:00:00Z", PASS, "m2", "bob@contoso.com");
        String withColumn = "{\"Timestamp\":\"2026-11-03T10:00:00Z\",\"AuthenticationDetails\":" + FAIL + ",";
        String email = "email 2026-11-03T10:00:00Z FAIL -";
        return Stream.of(
                arguments("a 65-digit AttachmentCount", withColumn + "\"AttachmentCount\":" + DIGITS_65 + "}", List.of(email)),
                arguments("a negative 65-digit number", withColumn + "\"AttachmentCount\":-" + DIGITS_65 + "}", List.of(email)),
                arguments("a 65-digit fraction and exponent", withColumn + "\"Score\":0." + DIGITS_65 + "e-" + DIGITS_65 + "}",
                        List.of(email)),
                arguments("a number of a million digits", withColumn + "\"Size\":" + "7".repeat(1_000_000) + "}", List.of(email)),
                arguments("long numbers in an array and a nested object",
                        withColumn + "\"To\":[" + DIGITS_65 + "],\"AdditionalFields\":{\"a\":[{\"n\":" + DIGITS_65 + "}]}}",
                        List.of(email)),
                arguments("a string longer than the read limit in a column nobody reads",
                        withColumn + "\"Subject\":\"" + OVER_READ_LIMIT + "\"}", List.of(email)),
                arguments("long numbers in the envelope, a record and another table's row",
                        "{\"count\":" + DIGITS_65 + ",\"records\":[" + record("AdvancedHunting-EmailEvents", failing)
                                .replace("\"time\":\"2026-11-03T12:00:00.1234567Z\"", "\"time\":" + DIGITS_65) + ","
                                + record("AdvancedHunting-EmailAttachmentInfo", "{\"FileSize\":" + DIGITS_65 + "}") + ","
                                + record("AdvancedHunting-EmailEvents", passing) + "]}",
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com",
                                "email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com", "skipped 1")),
                arguments("a long number inside AuthenticationDetails",
                        "{\"Timestamp\":\"2026-11-03T10:00:00Z\",\"AuthenticationDetails\":\"{\\\"Size\\\":" + DIGITS_65
                                + ",\\\"DKIM\\\":\\\"fail\\\"}\"}",
                        List.of(email)),
                arguments("a Timestamp given as a 65-digit number: its record alone",
                        envelope(record("AdvancedHunting-EmailEvents", failing),
                                record("AdvancedHunting-EmailEvents", "{\"Timestamp\":" + DIGITS_65 + "}")),
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com",
                                "dead Timestamp is not a string: a number of 65 characters")),
                arguments("a Timestamp given as epoch milliseconds", "{\"Timestamp\":1793700000000}",
                        List.of("dead Timestamp is not a string: a number of 13 characters")),
                arguments("a Timestamp given as an object", "{\"Timestamp\":{\"t\":1}}",
                        List.of("dead Timestamp is not a string: an object")),
                arguments("a number in another read column reads as null",
                        "{\"Timestamp\":\"2026-11-03T10:00:00Z\",\"NetworkMessageId\":" + DIGITS_65
                                + ",\"RecipientEmailAddress\":\"ann@contoso.com\"}",
                        List.of("email 2026-11-03T10:00:00Z NONE -")),
                arguments("a read column at the read limit", withColumn + "\"NetworkMessageId\":\""
                                + "x".repeat(MessageLimits.MAX_READ_CHARS) + "\",\"RecipientEmailAddress\":\"a@x.com\"}",
                        List.of("email 2026-11-03T10:00:00Z FAIL ?")),
                arguments("a read column over the read limit: its record alone",
                        envelope(record("AdvancedHunting-EmailEvents", failing), record("AdvancedHunting-EmailEvents",
                                row("2026-11-03T11:00:00Z", PASS, OVER_READ_LIMIT, "bob@contoso.com"))),
                        List.of("email 2026-11-03T10:00:00Z FAIL m1|ann@contoso.com",
                                "dead over a read limit: NetworkMessageId of 65537 characters exceeds the maximum of 65536")),
                arguments("a Timestamp over the read limit", "{\"Timestamp\":\"2026-11-03T10:00:00" + OVER_READ_LIMIT + "Z\"}",
                        List.of("dead over a read limit: Timestamp of 65557 characters exceeds the maximum of 65536")),
                arguments("AuthenticationDetails over the read limit", withColumn.replace(FAIL, "\"" + OVER_READ_LIMIT + "\"") + "\"x\":1}",
                        List.of("dead over a read limit: AuthenticationDetails of 65537 characters exceeds the maximum of 65536")),
                arguments("the first column over the limit names the reason",
                        "{\"SenderFromDomain\":\"" + OVER_READ_LIMIT + "\",\"Timestamp\":\"" + OVER_READ_LIMIT + "\"}",
                        List.of("dead over a read limit: SenderFromDomain of 65537 characters exceeds the maximum of 65536")),
                arguments("a category over the read limit: which table? a dead letter",
                        "{\"category\":\"" + OVER_READ_LIMIT + "\",\"properties\":" + passing + "}",
                        List.of("dead over a read limit: category of 65537 characters exceeds the maximum of 65536")),
                arguments("a tenantId over the read limit", "{\"tenantId\":\"" + OVER_READ_LIMIT + "\",\"properties\":" + passing + "}",
                        List.of("dead over a read limit: tenantId of 65537 characters exceeds the maximum of 65536")),
                arguments("another table's row over the read limit is still skipped",
                        record("AdvancedHunting-EmailUrlInfo", "{\"Timestamp\":\"" + OVER_READ_LIMIT + "\"}"),
                        List.of("skipped 1")),
                arguments("the envelope's own tenantId over the read limit is not read",
                        "{\"tenantId\":\"" + OVER_READ_LIMIT + "\",\"records\":[" + record("AdvancedHunting-EmailEvents", passing) + "]}",
                        List.of("email 2026-11-03T11:00:00Z PASS m2|bob@contoso.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longValues")
    void longValuesVoidOnlyTheRecordThatReadsThem(String name, String message, List<String> expected) {
        assertThat(describe(parse(message))).containsExactlyElementsOf(expected);
    }

    @Test
    void aNumberAsLongAsTheMessageLimitAllowsIsSkipped() {
        String head = "{\"Timestamp\":\"2026-11-03T10:00:00Z\",\"Size\":";
        byte[] message = (head + "7".repeat(1_000 - head.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
        List<SourceItem> items = new ArrayList<>();
        new MessageParser(1_000).parse(message, "events/0/7", items::add);
        assertThat(message).hasSize(1_000);
        assertThat(describe(items)).containsExactly("email 2026-11-03T10:00:00Z NONE -");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void parsesEveryShape(String name, String message, List<String> expected) {
        assertThat(describe(parse(message))).containsExactlyElementsOf(expected);
    }

    @Test
    void deadLetterOfOneRecordHoldsThatRecordsTextAndOrigin() {
        String bad = record("AdvancedHunting-EmailEvents", "{\"Subject\":\"no time\"}");
        List<SourceItem> items = parse(envelope(record("AdvancedHunting-EmailEvents",
                row("2026-11-03T10:00:00Z", FAIL, "m1", "a@x.com")), bad));
        DeadLetter letter = items.get(1).deadLetter;
        assertThat(letter.payload).isEqualTo(bad);
        assertThat(letter.origin).isEqualTo("events/0/7 record 1");
        assertThat(letter.payloadBytes).isEqualTo(bad.length());
    }

    @Test
    void largeSubjectAndManyRecordsAreNormalInput() {
        String subject = "x".repeat(200_000);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(record("AdvancedHunting-EmailEvents", "{\"Subject\":\"" + (i == 0 ? subject : "s")
                    + "\",\"Timestamp\":\"2026-11-03T10:00:00Z\",\"AuthenticationDetails\":" + FAIL
                    + ",\"NetworkMessageId\":\"n" + i + "\",\"RecipientEmailAddress\":\"r@x.com\"}"));
        }
        List<SourceItem> items = parse(envelope(records.toArray(String[]::new)));
        assertThat(items).hasSize(5_000).allMatch(item -> item.email != null && item.email.dkimFailed());
    }

    @Test
    void messageAboveTheLimitIsADeadLetterWithItsSize() {
        byte[] message = ("{\"Subject\":\"" + "y".repeat(2_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        List<SourceItem> items = new ArrayList<>();
        new MessageParser(1_000).parse(message, "f:1", items::add);
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.deadLetter.reason).startsWith("message of 2014 bytes exceeds the limit of 1000");
            assertThat(item.deadLetter.payloadBytes).isEqualTo(2014);
            assertThat(item.deadLetter.truncated).isTrue();
        });
    }

    @Test
    void deadLetterPayloadIsCutAt64KiB() {
        String big = "not json " + "z".repeat(100_000);
        DeadLetter letter = parse(big).get(0).deadLetter;
        assertThat(letter.payload).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(letter.payloadBytes).isEqualTo(big.length());
        assertThat(letter.truncated).isTrue();
    }

    static Stream<Arguments> undecodable() {
        String message = row("2026-11-03T10:00:00Z", FAIL, "m1", "Zoë@contoso.com");
        return Stream.of(
                arguments("UTF-16 with byte order mark", message.getBytes(StandardCharsets.UTF_16), "not UTF-8: UTF-16 or UTF-32 text"),
                arguments("UTF-16LE", message.getBytes(StandardCharsets.UTF_16LE), "not UTF-8: UTF-16 or UTF-32 text"),
                arguments("UTF-32", message.getBytes(java.nio.charset.Charset.forName("UTF-32")), "not UTF-8: UTF-16 or UTF-32 text"),
                arguments("Latin-1", message.getBytes(StandardCharsets.ISO_8859_1), "not UTF-8: malformed byte sequence at offset 120"),
                arguments("binary", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "not UTF-8: malformed byte sequence at offset 0"),
                arguments("encoded surrogate (CESU-8)", "{\"Subject\":\"\u00ed\u00a0\u0080\"}".getBytes(StandardCharsets.ISO_8859_1),
                        "not UTF-8: malformed byte sequence at offset 12"),
                arguments("Kafka tombstone", null, "no message: null value (a Kafka tombstone)"),
                arguments("nested 100,000 levels", ("{\"x\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
                        "over a read limit: Document nesting depth (65) exceeds the maximum allowed (64"),
                arguments("a name of 64 KiB and one character", ("{\"" + "n".repeat(64 * 1024 + 1) + "\":1}").getBytes(StandardCharsets.UTF_8),
                        "over a read limit: Name length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodable")
    void inputThatCannotBeReadIsOneDeadLetterWithItsReason(String name, byte[] message, String reason) {
        List<SourceItem> items = new ArrayList<>();
        new MessageParser().parse(message, "events/0/7", items::add);
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.deadLetter.reason).startsWith(reason);
            assertThat(item.deadLetter.payloadBytes).isEqualTo(message == null ? 0 : message.length);
        });
    }

    // --- building messages ---------------------------------------------------------------

    static List<SourceItem> parse(String message) {
        List<SourceItem> items = new ArrayList<>();
        new MessageParser().parse(message.getBytes(StandardCharsets.UTF_8), "events/0/7", items::add);
        return items;
    }

    /** The identities the table's messages carry, as they read after lower-casing. */
    private static final List<String> IDENTITIES = List.of("m1|ann@contoso.com", "m2|bob@contoso.com", "m3|c@x.com");

    private static String identityOf(EmailEvent email) {
        if (!email.hasIdentity()) return "-";
        return IDENTITIES.stream()
                .filter(identity -> EmailIdentity.matches(email, identity.split("\\|")[0], identity.split("\\|")[1]))
                .findFirst().orElse("?");
    }

    static List<String> describe(List<SourceItem> items) {
        List<String> lines = new ArrayList<>();
        for (SourceItem item : items) {
            if (item.email != null) {
                lines.add("email " + Instant.ofEpochMilli(item.email.eventTime) + " " + item.email.dkim + " "
                        + identityOf(item.email));
            } else if (item.deadLetter != null) {
                String reason = item.deadLetter.reason;
                lines.add("dead " + (reason.startsWith("not valid JSON") ? "not valid JSON" : reason));
            } else {
                lines.add("skipped " + item.skippedRecords);
            }
        }
        return lines;
    }

    /** An AuthenticationDetails value: a JSON string holding a JSON object, as Defender sends it. */
    static String auth(String... keysAndValues) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) object.append(',');
            object.append("\\\"").append(keysAndValues[i]).append("\\\":\\\"").append(keysAndValues[i + 1]).append("\\\"");
        }
        return "\"" + object.append('}') + "\"";
    }

    static String row(String timestamp, String authenticationDetails, String networkMessageId, String recipient) {
        return "{\"Timestamp\":\"" + timestamp + "\",\"NetworkMessageId\":" + quoted(networkMessageId)
                + ",\"SenderFromDomain\":\"contoso.com\",\"RecipientEmailAddress\":" + quoted(recipient)
                + ",\"Subject\":\"Invoice\",\"To\":[\"a@x.com\"],\"IsFirstContact\":false"
                + ",\"AuthenticationDetails\":" + authenticationDetails + ",\"AdditionalFields\":null}";
    }

    static String record(String category, String properties) {
        return "{\"time\":\"2026-11-03T12:00:00.1234567Z\",\"tenantId\":\"t1\",\"operationName\":\"Publish\","
                + "\"category\":\"" + category + "\",\"properties\":" + properties + ",\"Tenant\":\"DefaultTenant\"}";
    }

    static String envelope(String... records) {
        return "{\"records\":[" + String.join(",", records) + "]}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
