package io.dkimtrend.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dkimtrend.sample.GroundTruth.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator is deterministic, the committed bundle is its output, the bundle holds every shape
 * and variant it promises, and an independent reading of the files gives exactly the ground truth.
 */
class SampleGeneratorTest {

    static final Path COMMITTED = Path.of("sample-events");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate OUTAGE = LocalDate.of(2026, 10, 14);

    @TempDir
    static Path temp;

    static Path fresh;
    static GroundTruth truth;
    static Scan scan;

    @BeforeAll
    static void generateDefaultBundle() throws IOException {
        fresh = temp.resolve("fresh");
        truth = SampleGenerator.generate(fresh, SampleSettings.defaults());
        scan = Scan.of(fresh.resolve("events"));
    }

    // ----------------------------------------------------------------------- determinism

    @Test
    void sameSeedGivesSameBytes() throws IOException {
        Path again = temp.resolve("again");
        SampleGenerator.generate(again, SampleSettings.defaults());
        Map<String, byte[]> first = files(fresh, false);
        Map<String, byte[]> second = files(again, false);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (String name : first.keySet()) {
            assertThat(second.get(name)).as(name).isEqualTo(first.get(name));
        }
    }

    @Test
    void anotherSeedGivesAnotherSample() throws IOException {
        Path other = temp.resolve("seed43");
        SampleGenerator.generate(other, SampleSettings.defaults().withSeed(43));
        assertThat(Files.readAllBytes(other.resolve("events/eventhubs/partition-0.ndjson")))
                .isNotEqualTo(Files.readAllBytes(fresh.resolve("events/eventhubs/partition-0.ndjson")));
    }

    @Test
    void committedBundleEqualsAFreshGeneration() throws IOException {
        assertThat(COMMITTED.resolve("events")).as("the committed bundle; generate it with: "
                + SampleGenerator.command(SampleSettings.defaults(), false)).isDirectory();
        Map<String, byte[]> committed = files(COMMITTED, true);
        Map<String, byte[]> generated = files(fresh, true);
        assertThat(committed.keySet()).as("files of sample-events; regenerate with: "
                + SampleGenerator.command(SampleSettings.defaults(), false)).isEqualTo(generated.keySet());
        for (String name : generated.keySet()) {
            if (!Arrays.equals(committed.get(name), generated.get(name))) {
                fail("sample-events/" + name + " differs from a fresh generation; do not edit the bundle by hand, "
                        + "regenerate it with: " + SampleGenerator.command(SampleSettings.defaults(), false));
            }
        }
    }

    @Test
    void bundleStaysSmall() throws IOException {
        long total = files(fresh, false).values().stream().mapToLong(b -> b.length).sum();
        assertThat(total).isLessThan(15_000_000L);
        // the 5,000-record envelope stays below the job's default limit on one message (4 MiB)
        assertThat(scan.envelopes.stream().mapToInt(e -> e.bytes).max().orElseThrow()).isLessThan(4 * 1024 * 1024);
    }

    // ---------------------------------------------------------------------------- truth

    @Test
    void independentReadingOfTheFilesGivesTheGroundTruth() {
        List<String> read = scan.rows.stream().map(r -> r.instant + " " + r.bucket + " " + r.identity).sorted().toList();
        List<String> expected = truth.rows().stream().map(r -> r.timestamp() + " " + r.dkimBucket() + " " + r.identity())
                .sorted().toList();
        assertThat(read).hasSize(truth.size()).isEqualTo(expected);

        for (ZoneId zone : List.of(UTC, BERLIN)) {
            for (boolean dedup : List.of(true, false)) {
                assertThat(render(scan.series(zone, dedup))).as(zone + " dedup=" + dedup)
                        .isEqualTo(render(truth.dailySeries(zone, dedup)));
            }
        }
        assertThat(scan.otherTableRecords).isEqualTo(truth.otherTableRecords());
        Map<DeadLetter, Integer> dead = truth.deadLetters();
        assertThat(scan.dead.get(DeadLetter.TRUNCATED_JSON)).isEqualTo(dead.get(DeadLetter.TRUNCATED_JSON));
        assertThat(scan.dead).isEqualTo(dead);
        assertThat(truth.deadLetterTotal()).isEqualTo(14);
        assertThat(dead.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
    }

    @Test
    void duplicateFlagsMarkEveryIdentitySeenBefore() {
        Set<String> seen = new HashSet<>();
        Map<String, GroundTruth.Row> first = new HashMap<>();
        for (GroundTruth.Row row : truth.rows()) {
            if (row.identity() == null) {
                assertThat(row.duplicate()).isFalse();
                continue;
            }
            assertThat(row.duplicate()).as(row.identity()).isEqualTo(!seen.add(row.identity()));
            GroundTruth.Row original = first.putIfAbsent(row.identity(), row);
            if (original != null) {
                // a re-delivery keeps Timestamp and verdict, so any copy may come first
                assertThat(row.timestamp()).isEqualTo(original.timestamp());
                assertThat(row.dkimBucket()).isEqualTo(original.dkimBucket());
            }
        }
        assertThat(truth.duplicates()).isEqualTo(truth.rows().stream().filter(GroundTruth.Row::duplicate).count());
        assertThat((double) truth.duplicates() / truth.size()).isBetween(0.025, 0.05);
    }

    @Test
    void expectedCsvFilesMatchTheGroundTruth() throws IOException {
        Map<String, String[]> files = Map.of(
                "daily-utc-dedup.csv", new String[] {"UTC", "true"},
                "daily-utc-raw.csv", new String[] {"UTC", "false"},
                "daily-europe-berlin-dedup.csv", new String[] {"Europe/Berlin", "true"},
                "daily-europe-berlin-raw.csv", new String[] {"Europe/Berlin", "false"});
        for (Map.Entry<String, String[]> file : files.entrySet()) {
            ZoneId zone = file.getValue()[0].equals("UTC") ? UTC : BERLIN;
            boolean dedup = Boolean.parseBoolean(file.getValue()[1]);
            List<String> lines = Files.readAllLines(fresh.resolve("expected").resolve(file.getKey()));
            assertThat(lines.get(0)).isEqualTo("day,emails,dkimFail,dkimPass,dkimNone,dkimOther");
            SortedMap<LocalDate, long[]> series = truth.dailySeries(zone, dedup);
            assertThat(lines).hasSize(series.size() + 1);
            Iterator<Map.Entry<LocalDate, long[]>> days = series.entrySet().iterator();
            for (String line : lines.subList(1, lines.size())) {
                Map.Entry<LocalDate, long[]> day = days.next();
                long[] c = day.getValue();
                assertThat(line).isEqualTo(day.getKey() + "," + c[0] + "," + c[1] + "," + c[2] + "," + c[4] + "," + c[5]);
                assertThat(c[0]).isEqualTo(c[2] + c[3] + c[4] + c[5]);
                assertThat(c[1]).isEqualTo(c[3]);
            }
        }
        String readme = Files.readString(fresh.resolve("expected/README.md"));
        assertThat(readme).contains(SampleGenerator.command(SampleSettings.defaults(), false))
                .contains("daily-utc-dedup.csv", "daily-utc-raw.csv", "daily-europe-berlin-dedup.csv",
                        "daily-europe-berlin-raw.csv");
    }

    @Test
    void exactlyOneDayWithoutEmailInBothZones() {
        for (ZoneId zone : List.of(UTC, BERLIN)) {
            for (boolean dedup : List.of(true, false)) {
                SortedMap<LocalDate, long[]> series = truth.dailySeries(zone, dedup);
                List<LocalDate> empty = series.entrySet().stream().filter(e -> e.getValue()[0] == 0)
                        .map(Map.Entry::getKey).toList();
                assertThat(empty).as(zone.toString()).containsExactly(OUTAGE);
                assertThat(series.get(OUTAGE)).containsOnly(0L);
                assertThat(series.firstKey()).isEqualTo(LocalDate.of(2026, 10, 1));
            }
        }
        assertThat(SampleSettings.defaults().outageDay()).contains(OUTAGE);
    }

    @Test
    void seriesLooksLikeARealTenant() {
        SortedMap<LocalDate, long[]> utc = truth.dailySeries(UTC, true);
        List<LocalDate> spikes = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> day : utc.entrySet()) {
            long emails = day.getValue()[0];
            if (day.getKey().equals(OUTAGE) || day.getKey().equals(OUTAGE.minusDays(1))) {
                continue;
            }
            boolean weekend = day.getKey().getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getKey().getDayOfWeek() == DayOfWeek.SUNDAY;
            if (weekend) {
                assertThat(emails).as(day.getKey().toString()).isBetween(20L, 50L);
            } else {
                assertThat(emails).as(day.getKey().toString()).isBetween(85L, 200L);
            }
            double failRate = (double) day.getValue()[1] / emails;
            if (failRate > 0.25) {
                spikes.add(day.getKey());
            } else if (!weekend) {
                assertThat(failRate).as(day.getKey().toString()).isBetween(0.03, 0.16);
            }
        }
        assertThat(spikes).hasSizeBetween(2, 3).isEqualTo(SampleSettings.defaults().spikeDays());
        assertThat(truth.size()).isBetween(3000, 6000);

        // late-evening and early-morning mail puts many rows on another Berlin day than UTC day
        long shifted = truth.rows().stream().filter(r -> !LocalDate.ofInstant(r.timestamp(), UTC)
                .equals(LocalDate.ofInstant(r.timestamp(), BERLIN))).count();
        assertThat((double) shifted / truth.size()).isGreaterThan(0.08);
        SortedMap<LocalDate, long[]> berlin = truth.dailySeries(BERLIN, true);
        long differentDays = utc.keySet().stream().filter(d -> berlin.containsKey(d)
                && berlin.get(d)[0] != utc.get(d)[0]).count();
        assertThat(differentDays).isGreaterThan(30);
    }

    // ---------------------------------------------------------------- shapes and variants

    @Test
    void eventHubsEnvelopesAreRealistic() {
        List<Envelope> envelopes = scan.envelopes;
        assertThat(envelopes).hasSizeGreaterThan(100);
        assertThat(envelopes).filteredOn(e -> e.records >= SampleGenerator.BIG_ENVELOPE_RECORDS).hasSize(1);
        assertThat(envelopes).filteredOn(e -> e.records < SampleGenerator.BIG_ENVELOPE_RECORDS)
                .allSatisfy(e -> assertThat(e.records).isBetween(1, 50));
        Envelope big = envelopes.stream().filter(e -> e.records >= 5000).findFirst().orElseThrow();
        assertThat(big.emailRows).isGreaterThan(10);
        assertThat(envelopes).anySatisfy(e -> assertThat(e.emailRows).isZero());
        assertThat(envelopes).anySatisfy(e -> {
            assertThat(e.emailRows).isPositive();
            assertThat(e.categories).hasSizeGreaterThan(1);
        });
        assertThat(envelopes.stream().flatMap(e -> e.categories.stream()).collect(Collectors.toSet()))
                .contains(SampleGenerator.EMAIL_EVENTS, SampleGenerator.EMAIL_URL_INFO,
                        SampleGenerator.EMAIL_ATTACHMENT_INFO, SampleGenerator.DEVICE_EVENTS);
        assertThat(envelopes).allSatisfy(e -> {
            assertThat(Duration.between(e.firstTime, e.lastTime)).isLessThanOrEqualTo(Duration.ofMinutes(4));
            assertThat(e.tenants).hasSize(1);
        });
        assertThat(envelopes).filteredOn(e -> e.records >= 3 && e.records <= 50).hasSizeGreaterThan(20);
        assertThat(scan.envelopeRecordsChecked).isGreaterThan(8000);
    }

    @Test
    void recordsCarryTheDocumentedEnvelopeFields() {
        Pattern time = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        Pattern received = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
        List<Row> recordRows = scan.rows.stream().filter(r -> r.record != null).toList();
        assertThat(recordRows).hasSizeGreaterThan(3000);
        for (Row row : recordRows) {
            JsonNode record = row.record;
            assertThat(record.path("time").asText()).matches(time);
            assertThat(record.path("operationName").asText()).isEqualTo("Publish");
            assertThat(record.path("Tenant").asText()).isEqualTo("DefaultTenant");
            assertThat(record.path("tenantId").asText()).matches("[0-9a-f-]{36}");
            if (record.has("_TimeReceivedBySvc")) {
                assertThat(record.get("_TimeReceivedBySvc").asText()).matches(received);
            }
            Instant exported = Instant.parse(record.path("time").asText());
            assertThat(exported).isAfter(row.instant).isBefore(row.instant.plus(Duration.ofMinutes(110)));
        }
        assertThat(recordRows).anySatisfy(r -> assertThat(r.record.has("_TimeReceivedBySvc")).isTrue());
        assertThat(recordRows).anySatisfy(r -> assertThat(r.record.has("_TimeReceivedBySvc")).isFalse());
        assertThat(scan.rows.stream().map(r -> r.tenant).filter(t -> t != null).distinct().count()).isEqualTo(3);
    }

    @Test
    void storageExportsAreHourlyCrlfBlobs() throws IOException {
        Pattern path = Pattern.compile("storage/tenantId=([0-9a-f-]{36})/y=(\\d{4})/m=(\\d\\d)/d=(\\d\\d)/h=(\\d\\d)/m=00/"
                + "PT1H(_\\d+)?\\.json(\\.gz)?");
        List<String> names = scan.files.keySet().stream().filter(n -> n.startsWith("storage/")).toList();
        assertThat(names).hasSizeGreaterThan(50).allSatisfy(n -> assertThat(n).matches(path));
        assertThat(names).filteredOn(n -> n.endsWith("/PT1H.json.gz")).isNotEmpty();
        assertThat(names).filteredOn(n -> n.endsWith("/PT1H_1.json")).allSatisfy(n ->
                assertThat(names).contains(n.replace("PT1H_1.json", "PT1H.json"))).isNotEmpty();
        for (String name : names) {
            byte[] bytes = scan.files.get(name);
            if (name.endsWith(".gz")) {
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\r\n");
            assertThat(text.split("\r\n", -1).length).as(name).isEqualTo(text.split("\n", -1).length);
        }
        List<Row> stored = scan.rows.stream().filter(r -> r.file.startsWith("storage/")).toList();
        assertThat(stored).hasSizeGreaterThan(300);
        for (Row row : stored) {
            var m = path.matcher(row.file);
            assertThat(m.matches()).isTrue();
            var t = row.instant.atZone(UTC);
            assertThat(m.group(1)).isEqualTo(row.tenant);
            assertThat(LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)))).isEqualTo(t.toLocalDate());
            assertThat(Integer.parseInt(m.group(5))).isEqualTo(t.getHour());
            assertThat(row.shape).isEqualTo("bare");
        }
        assertThat(stored).filteredOn(r -> !r.record.has("category")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(scan.rows).filteredOn(r -> r.record != null && !r.record.has("category"))
                .allSatisfy(r -> assertThat(r.shape).isEqualTo("bare"));
    }

    @Test
    void advancedHuntingRowsAreFlat() {
        List<Row> flat = scan.rows.stream().filter(r -> r.file.startsWith("advanced-hunting/")).toList();
        assertThat(flat).hasSizeGreaterThan(300).allSatisfy(r -> {
            assertThat(r.shape).isEqualTo("flat");
            assertThat(r.props.has("records") || r.props.has("properties") || r.props.has("category")).isFalse();
        });
        assertThat(scan.rows.stream().map(r -> r.shape).distinct()).containsExactlyInAnyOrder("envelope", "bare", "flat");
    }

    @Test
    void rowsAreFullEmailEventsRows() {
        List<String> columns = List.of("Timestamp", "InternetMessageId", "SenderMailFromAddress", "SenderFromAddress",
                "SenderDisplayName", "SenderObjectId", "SenderMailFromDomain", "SenderFromDomain", "SenderIPv4",
                "RecipientObjectId", "Subject", "EmailClusterId", "EmailDirection", "DeliveryAction",
                "DeliveryLocation", "ThreatTypes", "DetectionMethods", "ConfidenceLevel", "EmailAction",
                "EmailActionPolicy", "AttachmentCount", "UrlCount", "EmailLanguage", "OrgLevelAction",
                "UserLevelAction", "Connectors", "AuthenticationDetails", "BulkComplaintLevel", "AdditionalFields",
                "To", "Cc", "IsFirstContact", "ReportId");
        for (Row row : scan.rows) {
            assertThat(row.props.fieldNames()).toIterable().as(row.file).containsAll(columns);
            assertThat(row.props.get("To").isArray()).isTrue();
            assertThat(row.props.get("Cc").isArray() || row.props.get("Cc").isNull()).isTrue();
            assertThat(row.props.get("IsFirstContact").isBoolean()).isTrue();
            for (String jsonInString : List.of("DetectionMethods", "ConfidenceLevel", "AdditionalFields")) {
                JsonNode value = row.props.get(jsonInString);
                assertThat(value.isNull() || parseObject(value.asText()) != null).as(jsonInString).isTrue();
            }
            if (row.props.has("NetworkMessageId") && !row.props.get("NetworkMessageId").isNull()) {
                assertThat(row.props.get("NetworkMessageId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                        + "[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            }
        }
        assertThat(scan.rows).anySatisfy(r -> assertThat(r.props.get("ThreatTypes").isNull()).isFalse());
        assertThat(scan.rows).anySatisfy(r -> assertThat(r.props.get("Cc").size()).isPositive());
        assertThat(scan.rows).anySatisfy(r -> assertThat(r.props.get("IsFirstContact").asBoolean()).isTrue());
        assertThat(scan.rows.stream().map(r -> r.props.get("EmailDirection").asText()).distinct())
                .containsExactlyInAnyOrder("Inbound", "Outbound", "Intra-org");
        assertThat(scan.rows.stream().map(r -> r.props.get("SenderFromDomain").asText()).distinct().count())
                .isGreaterThanOrEqualTo(24);
        int[] sizes = scan.rows.stream().mapToInt(r -> r.propsJson.getBytes(StandardCharsets.UTF_8).length).sorted()
                .toArray();
        assertThat(sizes[sizes.length / 2]).isBetween(950, 1350);
        assertThat(scan.rows).filteredOn(r -> r.props.path("Subject").asText().length() >= SampleGenerator.HUGE_SUBJECT_CHARS)
                .hasSize(1);
    }

    @Test
    void timestampVariantsOccurSeveralTimes() {
        Map<String, Pattern> variants = new LinkedHashMap<>();
        variants.put("whole seconds Z", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        variants.put("7 fractional digits", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"));
        variants.put("+02:00", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+02:00"));
        variants.put("-05:00", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-05:00"));
        variants.put("no zone", Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
        for (Map.Entry<String, Pattern> variant : variants.entrySet()) {
            assertThat(scan.rows).as(variant.getKey())
                    .filteredOn(r -> variant.getValue().matcher(r.timestampText).matches()).hasSizeGreaterThan(5);
        }
        assertThat(scan.rows).allSatisfy(r -> assertThat(
                variants.values().stream().anyMatch(p -> p.matcher(r.timestampText).matches())).isTrue());
    }

    @Test
    void authenticationDetailsVariantsOccurSeveralTimes() {
        Map<String, Predicate<Row>> variants = new LinkedHashMap<>();
        variants.put("compact string, four keys", r -> r.auth.isTextual() && !r.auth.asText().contains(" ")
                && keys(r) != null && keys(r).size() == 4);
        variants.put("extra whitespace", r -> r.auth.isTextual() && r.auth.asText().matches("(?s)\\{\\s.*")
                && keys(r) != null);
        variants.put("missing keys", r -> r.auth.isTextual() && keys(r) != null && keys(r).contains("DKIM")
                && keys(r).size() < 4);
        variants.put("no DKIM key", r -> keys(r) != null && !keys(r).contains("DKIM"));
        variants.put("JSON null", r -> r.auth.isNull());
        variants.put("empty string", r -> r.auth.isTextual() && r.auth.asText().isEmpty());
        variants.put("n/a", r -> r.auth.isTextual() && r.auth.asText().equals("n/a"));
        variants.put("JSON object", r -> r.auth.isObject());
        for (String value : List.of("pass", "fail", "none", "temperror", "permerror", "FAIL", "Fail")) {
            variants.put("DKIM " + value, r -> value.equals(dkim(r)));
        }
        variants.put("Subject quoting \"DKIM\":\"fail\" on a passing email",
                r -> r.props.path("Subject").asText().contains("\"DKIM\":\"fail\"") && r.bucket.equals("pass"));
        variants.put("no NetworkMessageId (absent)", r -> !r.props.has("NetworkMessageId"));
        variants.put("no NetworkMessageId (null)", r -> r.props.has("NetworkMessageId")
                && r.props.get("NetworkMessageId").isNull());
        variants.put("no RecipientEmailAddress", r -> r.props.path("RecipientEmailAddress").isMissingNode()
                || r.props.get("RecipientEmailAddress").isNull());
        variants.put("recipient in mixed case", r -> r.props.path("RecipientEmailAddress").isTextual()
                && !r.props.get("RecipientEmailAddress").asText().equals(
                        r.props.get("RecipientEmailAddress").asText().toLowerCase(Locale.ROOT)));
        for (Map.Entry<String, Predicate<Row>> variant : variants.entrySet()) {
            assertThat(scan.rows).as(variant.getKey()).filteredOn(variant.getValue()).hasSizeGreaterThanOrEqualTo(3);
        }
        Set<String> orders = scan.rows.stream().filter(r -> keys(r) != null && keys(r).size() == 4)
                .map(r -> String.join(",", keys(r))).collect(Collectors.toSet());
        assertThat(orders).hasSizeGreaterThan(5);
    }

    @Test
    void redeliveriesLookLikeTheRealOnes() {
        Map<String, List<Row>> byIdentity = scan.rows.stream().filter(r -> r.identity != null)
                .collect(Collectors.groupingBy(r -> r.identity, LinkedHashMap::new, Collectors.toList()));
        int sameFile = 0;
        int otherFile = 0;
        int otherShape = 0;
        int locationChanged = 0;
        for (List<Row> copies : byIdentity.values()) {
            if (copies.size() < 2) {
                continue;
            }
            Row a = copies.get(0);
            for (Row b : copies.subList(1, copies.size())) {
                assertThat(b.timestampText).isEqualTo(a.timestampText);
                assertThat(b.auth).isEqualTo(a.auth);
                if (b.propsJson.equals(a.propsJson)) {
                    if (a.record != null && b.record != null) {
                        assertThat(b.record.get("time")).as("fresh envelope time").isNotEqualTo(a.record.get("time"));
                    }
                    if (a.file.equals(b.file)) {
                        sameFile++;
                    } else {
                        otherFile++;
                        if (!a.shape.equals(b.shape)) {
                            otherShape++;
                        }
                    }
                } else {
                    ObjectNode left = a.props.deepCopy();
                    ObjectNode right = b.props.deepCopy();
                    assertThat(left.get("DeliveryLocation")).isNotEqualTo(right.get("DeliveryLocation"));
                    left.remove("DeliveryLocation");
                    right.remove("DeliveryLocation");
                    assertThat(right).isEqualTo(left);
                    locationChanged++;
                }
            }
        }
        assertThat(sameFile).isGreaterThan(20);
        assertThat(otherFile).isGreaterThan(20);
        assertThat(otherShape).isGreaterThan(10);
        assertThat(locationChanged).isGreaterThanOrEqualTo(3);
        assertThat(sameFile + otherFile + locationChanged).isEqualTo((int) truth.duplicates());
    }

    @Test
    void deadLettersAreWhereTheReadmeSays() {
        assertThat(scan.deadByFolder.keySet()).contains("eventhubs", "storage", "advanced-hunting");
        assertThat(scan.dead.get(DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP)).isEqualTo(2);
        String readme = readString(fresh.resolve("expected/README.md"));
        for (Map.Entry<DeadLetter, Integer> kind : truth.deadLetters().entrySet()) {
            assertThat(readme).contains(kind.getKey() + ": ");
        }
        List<String> listed = readme.lines().filter(line -> line.matches("- [A-Z_]+: `events/.*`")).toList();
        assertThat(listed).containsExactlyElementsOf(truth.deadLetterPlaces().stream()
                .map(place -> "- " + place.kind() + ": `" + place.file() + "`").toList());
    }

    @Test
    void everyMalformedLineOrRecordIsInTheTruthOncePerOccurrence() throws IOException {
        List<String> found = MalformedInput.of(fresh.resolve("events"));
        List<String> expected = truth.deadLetterPlaces().stream()
                .map(place -> place.kind() + ": " + place.file().substring("events/".length())).toList();
        assertThat(found).hasSize(truth.deadLetterTotal()).containsExactlyInAnyOrderElementsOf(expected);

        // the committed bundle, as the job reads it, against its committed counts
        JsonNode committedCounts = JSON.readTree(COMMITTED.resolve("expected/counts.json").toFile());
        List<String> committed = MalformedInput.of(COMMITTED.resolve("events"));
        assertThat(committed).hasSize(committedCounts.get("deadLetters").asInt());
        for (DeadLetter kind : DeadLetter.values()) {
            assertThat(committed.stream().filter(place -> place.startsWith(kind + ": ")).count()).as(kind.name())
                    .isEqualTo(committedCounts.get("deadLettersByKind").get(kind.name()).asLong());
        }
    }

    @Test
    void countsJsonAccountsForEveryRecord() throws IOException {
        JsonNode counts = JSON.readTree(fresh.resolve("expected/counts.json").toFile());
        List<String> fields = new ArrayList<>();
        counts.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("emailRows", "distinctEmails", "duplicates", "rowsWithoutIdentity",
                "otherTableRecords", "deadLetters", "deadLettersByKind");
        assertThat(counts.get("emailRows").asLong()).isEqualTo(truth.size()).isEqualTo(scan.rows.size());
        assertThat(counts.get("distinctEmails").asLong()).isEqualTo(truth.distinctEmails())
                .isEqualTo(truth.dailySeries(UTC, true).values().stream().mapToLong(c -> c[0]).sum());
        assertThat(counts.get("duplicates").asLong()).isEqualTo(truth.duplicates())
                .isEqualTo(counts.get("emailRows").asLong() - counts.get("distinctEmails").asLong());
        assertThat(counts.get("rowsWithoutIdentity").asLong()).isEqualTo(truth.withoutIdentity())
                .isEqualTo(scan.rows.stream().filter(r -> r.identity == null).count());
        assertThat(counts.get("otherTableRecords").asLong()).isEqualTo(truth.otherTableRecords())
                .isEqualTo(scan.otherTableRecords);
        assertThat(counts.get("deadLetters").asInt()).isEqualTo(truth.deadLetterTotal());
        JsonNode byKind = counts.get("deadLettersByKind");
        assertThat(byKind.size()).isEqualTo(DeadLetter.values().length);
        for (DeadLetter kind : DeadLetter.values()) {
            assertThat(byKind.get(kind.name()).asInt()).as(kind.name()).isEqualTo(truth.deadLetters().get(kind));
        }

        long recordsIn = recordsIn(fresh.resolve("events"));
        assertThat(recordsIn).isEqualTo(counts.get("distinctEmails").asLong() + counts.get("duplicates").asLong()
                + counts.get("otherTableRecords").asLong() + counts.get("deadLetters").asLong());
        assertThat(readString(fresh.resolve("expected/README.md"))).contains("`counts.json`");
    }

    /** Records a job reads: each element of an envelope, and each other line as one, valid JSON or not. */
    static long recordsIn(Path events) throws IOException {
        long records = 0;
        try (Stream<Path> paths = Files.walk(events)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : readLines(path)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = parseOrNull(line);
                    records += node != null && node.path("records").isArray() ? node.get("records").size() : 1;
                }
            }
        }
        return records;
    }

    static JsonNode parseOrNull(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    // -------------------------------------------------------------------------- records mode

    @Test
    void recordsModeStreamsEnvelopesWithItsTruth() throws IOException {
        SampleSettings settings = SampleSettings.defaults().withRecords(6000);
        Path dir = temp.resolve("records");
        GroundTruth records = SampleGenerator.generate(dir, settings);
        Path file = dir.resolve("events/eventhubs/records-6000.ndjson");
        try (Stream<Path> all = Files.walk(dir.resolve("events"))) {
            assertThat(all.filter(Files::isRegularFile).toList()).containsExactly(file);
        }
        Scan read = Scan.of(dir.resolve("events"));
        assertThat(read.rows).hasSize(records.size());
        assertThat(read.shapes()).containsExactly("envelope");
        assertThat(read.dead.values()).containsOnly(0);
        assertThat(records.deadLetterTotal()).isZero();
        assertThat(read.envelopes).allSatisfy(e -> assertThat(e.records).isBetween(1, 50));
        assertThat(records.size()).isBetween(5600, 6600);
        assertThat(records.duplicates()).isPositive();
        assertThat(read.otherTableRecords).isEqualTo(records.otherTableRecords()).isPositive();
        for (ZoneId zone : List.of(UTC, BERLIN)) {
            for (boolean dedup : List.of(true, false)) {
                assertThat(render(read.series(zone, dedup))).isEqualTo(render(records.dailySeries(zone, dedup)));
            }
        }
        assertThat(Files.readAllLines(dir.resolve("expected/daily-utc-dedup.csv")))
                .isEqualTo(records.csvLines(UTC, true));
        JsonNode counts = JSON.readTree(dir.resolve("expected/counts.json").toFile());
        assertThat(counts.get("emailRows").asLong()).isEqualTo(records.size());
        assertThat(counts.get("deadLetters").asInt()).isZero();

        assertThatThrownBy(() -> SampleGenerator.generate(fresh, settings))
                .as("records mode refuses to mix with a bundle").isInstanceOf(IllegalArgumentException.class);

        Path again = temp.resolve("records-again");
        SampleGenerator.generate(again, settings);
        assertThat(Files.readAllBytes(again.resolve("events/eventhubs/records-6000.ndjson")))
                .isEqualTo(Files.readAllBytes(file));
    }

    // -------------------------------------------------------------------------------- reader

    /** One EmailEvents row found in the files. */
    static final class Row {
        String file;
        String shape;
        JsonNode record;
        ObjectNode props;
        String propsJson;
        String timestampText;
        Instant instant;
        JsonNode auth;
        String bucket;
        String identity;
        String tenant;
    }

    static final class Envelope {
        int records;
        int emailRows;
        int bytes;
        Instant firstTime;
        Instant lastTime;
        Set<String> categories = new TreeSet<>();
        Set<String> tenants = new TreeSet<>();
    }

    /** Reads every file under events/ the way the job is specified to, independently of the generator. */
    static final class Scan {
        /** Bytes of each file as stored (gzip compressed for .gz). */
        final Map<String, byte[]> files = new TreeMap<>();
        final List<Row> rows = new ArrayList<>();
        final List<Envelope> envelopes = new ArrayList<>();
        final EnumMap<DeadLetter, Integer> dead = new EnumMap<>(DeadLetter.class);
        final Map<String, Integer> deadByFolder = new TreeMap<>();
        long otherTableRecords;
        int envelopeRecordsChecked;

        static Scan of(Path events) throws IOException {
            Scan scan = new Scan();
            for (DeadLetter kind : DeadLetter.values()) {
                scan.dead.put(kind, 0);
            }
            try (Stream<Path> paths = Files.walk(events)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    String name = events.relativize(path).toString().replace('\\', '/');
                    scan.files.put(name, readBytes(path));
                    int number = 0;
                    for (String line : readLines(path)) {
                        scan.line(name, ++number, line);
                    }
                }
            }
            return scan;
        }

        Set<String> shapes() {
            return rows.stream().map(r -> r.shape).collect(Collectors.toCollection(TreeSet::new));
        }

        private void dead(DeadLetter kind, String file) {
            dead.merge(kind, 1, Integer::sum);
            deadByFolder.merge(file.substring(0, file.indexOf('/')), 1, Integer::sum);
        }

        private void line(String file, int number, String line) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                dead(line.startsWith("{") || line.startsWith("[") ? DeadLetter.TRUNCATED_JSON : DeadLetter.NOT_JSON, file);
                return;
            }
            if (node == null || node.isArray()) {
                dead(DeadLetter.JSON_ARRAY, file);
                return;
            }
            if (node.has("records") && node.get("records").isArray()) {
                Envelope envelope = new Envelope();
                envelope.bytes = line.getBytes(StandardCharsets.UTF_8).length;
                for (JsonNode record : node.get("records")) {
                    envelope.records++;
                    envelopeRecordsChecked++;
                    Instant time = Instant.parse(record.get("time").asText());
                    envelope.firstTime = envelope.firstTime == null || time.isBefore(envelope.firstTime) ? time
                            : envelope.firstTime;
                    envelope.lastTime = envelope.lastTime == null || time.isAfter(envelope.lastTime) ? time
                            : envelope.lastTime;
                    envelope.categories.add(record.path("category").asText("(none)"));
                    envelope.tenants.add(record.path("tenantId").asText());
                    if (record(file, "envelope", record, DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP,
                            DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP)) {
                        envelope.emailRows++;
                    }
                }
                envelopes.add(envelope);
            } else if (node.has("properties")) {
                record(file, "bare", node, DeadLetter.RECORD_WITHOUT_TIMESTAMP, DeadLetter.UNPARSEABLE_TIMESTAMP);
            } else if (node.has("Timestamp")) {
                row(file, "flat", null, (ObjectNode) node, DeadLetter.RECORD_WITHOUT_TIMESTAMP,
                        DeadLetter.UNPARSEABLE_TIMESTAMP);
            } else {
                dead(DeadLetter.UNKNOWN_SHAPE, file);
            }
        }

        /** True when the record is a counted EmailEvents row. */
        private boolean record(String file, String shape, JsonNode record, DeadLetter noTimestamp, DeadLetter badTimestamp) {
            JsonNode category = record.get("category");
            if (category != null && !category.asText().equals(SampleGenerator.EMAIL_EVENTS)) {
                otherTableRecords++;
                return false;
            }
            return row(file, shape, record, (ObjectNode) record.get("properties"), noTimestamp, badTimestamp);
        }

        private boolean row(String file, String shape, JsonNode record, ObjectNode props, DeadLetter noTimestamp,
                DeadLetter badTimestamp) {
            JsonNode ts = props.get("Timestamp");
            if (ts == null || ts.isNull()) {
                dead(noTimestamp, file);
                return false;
            }
            Instant instant = parseTimestamp(ts.asText());
            if (instant == null) {
                dead(badTimestamp, file);
                return false;
            }
            Row row = new Row();
            row.file = file;
            row.shape = shape;
            row.record = record;
            row.props = props;
            row.propsJson = props.toString();
            row.timestampText = ts.asText();
            row.instant = instant;
            row.auth = props.get("AuthenticationDetails");
            row.bucket = bucket(row.auth);
            JsonNode id = props.get("NetworkMessageId");
            JsonNode recipient = props.get("RecipientEmailAddress");
            row.identity = id == null || id.isNull() || recipient == null || recipient.isNull() ? null
                    : (id.asText() + "|" + recipient.asText()).toLowerCase(Locale.ROOT);
            row.tenant = record == null ? null : record.path("tenantId").asText();
            rows.add(row);
            return true;
        }

        SortedMap<LocalDate, long[]> series(ZoneId zone, boolean dedup) {
            TreeMap<LocalDate, long[]> series = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            for (Row row : rows) {
                if (dedup && row.identity != null && !seen.add(row.identity)) {
                    continue;
                }
                long[] c = series.computeIfAbsent(LocalDate.ofInstant(row.instant, zone), d -> new long[6]);
                c[0]++;
                int bucket = GroundTruth.BUCKETS.indexOf(row.bucket);
                if (bucket == GroundTruth.FAIL) c[1]++;
                c[2 + bucket]++;
            }
            for (LocalDate d = series.firstKey(); d.isBefore(series.lastKey()); d = d.plusDays(1)) {
                series.computeIfAbsent(d, x -> new long[6]);
            }
            return series;
        }
    }

    /**
     * Finds the bad input of a bundle by the rules of docs/design.md ("Bad input: dead letters"), with Jackson's
     * tree model and without the job's parser: a message larger than the job's default limit, not
     * JSON, not an object, or of none of the three shapes; an EmailEvents record or row (category
     * EmailEvents or none) without a usable Timestamp. One entry "KIND: file" per occurrence; a bad
     * input the truth has no kind for gets a name of its own, so that it can never pass unnoticed.
     */
    static final class MalformedInput {
        static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
        static final Set<String> EMAIL_COLUMNS =
                Set.of("Timestamp", "NetworkMessageId", "RecipientEmailAddress", "AuthenticationDetails");

        static List<String> of(Path events) throws IOException {
            List<String> found = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(events)) {
                for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                    String file = events.relativize(path).toString().replace('\\', '/');
                    for (String line : readLines(path)) {
                        // the archive reader skips blank lines: they are no message
                        if (!line.isBlank()) {
                            kinds(line).forEach(kind -> found.add(kind + ": " + file));
                        }
                    }
                }
            }
            return found;
        }

        /** The bad parts of one message, none for a good one. */
        static List<String> kinds(String line) {
            if (line.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                return List.of("OVERSIZED_MESSAGE");
            }
            JsonNode node = parseOrNull(line);
            if (node == null) {
                return List.of((line.startsWith("{") || line.startsWith("[") ? DeadLetter.TRUNCATED_JSON
                        : DeadLetter.NOT_JSON).name());
            }
            if (node.isArray()) {
                return List.of(DeadLetter.JSON_ARRAY.name());
            }
            if (!node.isObject()) {
                return List.of(DeadLetter.UNKNOWN_SHAPE.name());
            }
            if (node.path("records").isArray()) {
                List<String> kinds = new ArrayList<>();
                for (JsonNode record : node.get("records")) {
                    if (!record.isObject()) {
                        kinds.add("ENVELOPE_RECORD_NOT_AN_OBJECT");
                    } else if (countsAsEmail(record) && !usableTimestamp(record.path("properties"))) {
                        kinds.add(DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP.name());
                    }
                }
                return kinds;
            }
            JsonNode columns;
            if (node.has("properties")) {
                columns = node.get("properties");
            } else if (EMAIL_COLUMNS.stream().anyMatch(node::has)) {
                columns = node;
            } else {
                return List.of(DeadLetter.UNKNOWN_SHAPE.name());
            }
            if (!countsAsEmail(node) || usableTimestamp(columns)) {
                return List.of();
            }
            JsonNode timestamp = columns.get("Timestamp");
            return List.of((timestamp == null || timestamp.isNull() ? DeadLetter.RECORD_WITHOUT_TIMESTAMP
                    : DeadLetter.UNPARSEABLE_TIMESTAMP).name());
        }

        static boolean countsAsEmail(JsonNode record) {
            JsonNode category = record.get("category");
            return category == null || category.isNull() || category.asText().equals(SampleGenerator.EMAIL_EVENTS);
        }

        static boolean usableTimestamp(JsonNode columns) {
            JsonNode timestamp = columns.get("Timestamp");
            return timestamp != null && timestamp.isTextual() && parseTimestamp(timestamp.asText()) != null;
        }
    }

    static Instant parseTimestamp(String text) {
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ObjectNode parseObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The AuthenticationDetails object, parsed from a string when needed; null when there is none. */
    static ObjectNode details(JsonNode auth) {
        if (auth == null || auth.isNull()) return null;
        if (auth.isObject()) return (ObjectNode) auth;
        return auth.isTextual() ? parseObject(auth.asText()) : null;
    }

    static List<String> keys(Row row) {
        ObjectNode details = details(row.auth);
        if (details == null) return null;
        List<String> keys = new ArrayList<>();
        details.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static String dkim(Row row) {
        ObjectNode details = details(row.auth);
        return details == null || !details.has("DKIM") ? null : details.get("DKIM").asText();
    }

    static String bucket(JsonNode auth) {
        ObjectNode details = details(auth);
        if (details == null || !details.has("DKIM")) return "none";
        String value = details.get("DKIM").asText();
        if (value.equalsIgnoreCase("fail")) return "fail";
        if (value.equalsIgnoreCase("pass")) return "pass";
        if (value.equals("none")) return "none";
        return "other";
    }

    // ------------------------------------------------------------------------------- helpers

    static String render(SortedMap<LocalDate, long[]> series) {
        return series.entrySet().stream().map(e -> e.getKey() + Arrays.toString(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** Lines of a file, without line ends, gunzipped for {@code .gz}. */
    static List<String> readLines(Path file) throws IOException {
        byte[] bytes = readBytes(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String readString(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    /** Every file under {@code root} by relative path; with {@code gunzip}, .gz files by their content. */
    static Map<String, byte[]> files(Path root, boolean gunzip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(path).toString().replace('\\', '/');
                byte[] bytes = readBytes(path);
                if (gunzip && name.endsWith(".gz")) {
                    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                        bytes = in.readAllBytes();
                    }
                }
                files.put(name, bytes);
            }
        }
        return files;
    }
}
