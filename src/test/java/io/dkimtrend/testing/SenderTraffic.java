package io.dkimtrend.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Generated EmailEvents traffic of many sender domains and three tenants, written as Event Hubs
 * envelopes, with the truth decided before each row is written: per series, day and sender domain,
 * deduplicated and raw.
 *
 * <ul>
 *   <li>About 800 sender domains of falling popularity, so a day has a few busy senders and a long
 *       tail of domains with one email: ties in the top lists are the rule, not the exception.
 *   <li>The domain is written as Defender writes it, in every spelling the job must bring back to
 *       one: upper case, a trailing dot, only in SenderFromAddress, or not at all.
 *   <li>A steady bulk mailer fails DKIM on every email, every day: the day's top sender.
 *   <li>On {@link #SPIKE} one new sender, {@link #SPOOF}, fails DKIM on every email, fewer than the
 *       bulk mailer: the spike's driver.
 *   <li>Tenant A mails every day; tenant B starts on the third day, pauses for three days and ends
 *       early; tenant C mails for two weeks, weekdays only.
 *   <li>Some rows are sent again (same NetworkMessageId and recipient), a few have no identity.
 * </ul>
 */
public final class SenderTraffic {

    public static final LocalDate FIRST = LocalDate.of(2026, 9, 7); // a Monday
    public static final int DAYS = 36;
    public static final LocalDate SPIKE = FIRST.plusDays(35); // a Monday, after four weeks of baseline
    public static final String BULK = "bulk-mailer.example";
    public static final String SPOOF = "payroll-spoof.example";
    public static final String TENANT_A = "6a1f0c2e-4b7d-4e0a-9f51-0c3d2b1a0001";
    public static final String TENANT_B = "6a1f0c2e-4b7d-4e0a-9f51-0c3d2b1a0002";
    public static final String TENANT_C = "6a1f0c2e-4b7d-4e0a-9f51-0c3d2b1a0003";

    private static final int DOMAINS = 800;
    private static final double HARMONIC = harmonic(DOMAINS);

    /** One written row: what the job must count it as. {@code domain} null: the row names no sender. */
    public record Row(LocalDate day, String tenant, String domain, boolean dkimFail, boolean duplicate) {}

    /** The true counts of one series and day. */
    public static final class Day {
        public long emails;
        public long dkimFail;
        /** {dkimFail, emails} per domain. */
        public final Map<String, long[]> domains = new HashMap<>();

        /** The top list as {@code domain failures/emails}, most failures, then most emails, then name. */
        public List<String> top(int limit) {
            return domains.entrySet().stream()
                    .filter(e -> e.getValue()[0] > 0)
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparingLong(e -> -e.getValue()[1])
                            .thenComparing(Map.Entry::getKey))
                    .limit(limit)
                    .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                    .toList();
        }

        public long failingDomains() {
            return domains.values().stream().filter(c -> c[0] > 0).count();
        }
    }

    private final SplittableRandom random;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> records = new ArrayList<>();

    private SenderTraffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code dir/traffic.ndjson} and returns what it holds. */
    public static SenderTraffic write(Path dir, long seed) throws IOException {
        SenderTraffic traffic = new SenderTraffic(seed);
        traffic.generate();
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("traffic.ndjson"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < traffic.records.size(); i += 25) {
                out.write("{\"records\":[" + String.join(",",
                        traffic.records.subList(i, Math.min(i + 25, traffic.records.size()))) + "]}\n");
            }
        }
        return traffic;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Series name to day to counts: {@code all}, and with {@code byTenant} each tenant's series from
     * its first to its last day, days without email as zeros.
     */
    public Map<String, TreeMap<LocalDate, Day>> truth(boolean dedup, boolean byTenant) {
        Map<String, TreeMap<LocalDate, Day>> series = new TreeMap<>();
        for (Row row : rows) {
            if (dedup && row.duplicate()) continue;
            count(series, "all", row);
            if (byTenant) count(series, row.tenant(), row);
        }
        for (TreeMap<LocalDate, Day> days : series.values()) {
            for (LocalDate d = days.firstKey(); d.isBefore(days.lastKey()); d = d.plusDays(1)) {
                days.computeIfAbsent(d, x -> new Day());
            }
        }
        return series;
    }

    private static void count(Map<String, TreeMap<LocalDate, Day>> series, String name, Row row) {
        Day day = series.computeIfAbsent(name, n -> new TreeMap<>()).computeIfAbsent(row.day(), d -> new Day());
        day.emails++;
        if (row.dkimFail()) day.dkimFail++;
        if (row.domain() != null) {
            long[] counts = day.domains.computeIfAbsent(row.domain(), d -> new long[2]);
            if (row.dkimFail()) counts[0]++;
            counts[1]++;
        }
    }

    private void generate() {
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = FIRST.plusDays(i);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            emails(day, TENANT_A, weekend ? 50 : 150);
            if (i >= 2 && i < 30 && (i < 10 || i > 12)) emails(day, TENANT_B, weekend ? 20 : 60);
            if (i >= 4 && i < 18 && !weekend) emails(day, TENANT_C, 30);
            for (int k = 0; k < (weekend ? 26 : 80); k++) email(day, TENANT_A, BULK, true);
            if (day.equals(SPIKE)) {
                for (int k = 0; k < 60; k++) email(day, TENANT_A, SPOOF, true);
            }
        }
    }

    /** About {@code mean} emails of the long tail of senders, 6% of them failing DKIM. */
    private void emails(LocalDate day, String tenant, int mean) {
        int count = mean - mean / 10 + random.nextInt(mean / 5 + 1);
        for (int k = 0; k < count; k++) {
            email(day, tenant, popularDomain(), random.nextDouble() < 0.06);
        }
    }

    /** Domain k drawn with weight 1/(k+1): a few busy senders, a long tail. */
    private String popularDomain() {
        double x = random.nextDouble() * HARMONIC;
        int k = 1;
        while (k < DOMAINS && (x -= 1.0 / k) > 0) k++;
        return "sender-" + k + (k % 3 == 0 ? ".example.org" : ".example");
    }

    private static double harmonic(int n) {
        double sum = 0;
        for (int k = 1; k <= n; k++) sum += 1.0 / k;
        return sum;
    }

    private void email(LocalDate day, String tenant, String domain, boolean dkimFail) {
        Instant time = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
        boolean identified = random.nextDouble() >= 0.01;
        String networkMessageId = identified ? new UUID(random.nextLong(), random.nextLong()).toString() : null;
        String recipient = "user" + random.nextInt(400) + "@" + tenant.substring(tenant.length() - 4) + ".example";
        String[] sender = dressed(domain);
        String properties = "{\"Timestamp\":\"" + time + "\",\"NetworkMessageId\":" + quoted(networkMessageId)
                + ",\"RecipientEmailAddress\":\"" + recipient + "\"" + sender[0] + sender[1]
                + ",\"Subject\":\"Invoice " + random.nextInt(10_000) + "\",\"AuthenticationDetails\":\"{\\\"SPF\\\":\\\"pass\\\","
                + "\\\"DKIM\\\":\\\"" + (dkimFail ? "fail" : random.nextDouble() < 0.85 ? "pass" : "none")
                + "\\\",\\\"DMARC\\\":\\\"pass\\\"}\"}";
        String record = "{\"time\":\"" + time.plusSeconds(300) + "\",\"tenantId\":\"" + tenant
                + "\",\"operationName\":\"Publish\",\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":"
                + properties + ",\"Tenant\":\"DefaultTenant\"}";
        boolean named = sender[2] != null;
        records.add(record);
        rows.add(new Row(day, tenant, named ? domain : null, dkimFail, false));
        if (identified && random.nextDouble() < 0.04) {
            records.add(record.replace("\"time\":\"" + time.plusSeconds(300), "\"time\":\"" + time.plusSeconds(4000)));
            rows.add(new Row(day, tenant, named ? domain : null, dkimFail, true));
        }
    }

    /** The SenderFromDomain and SenderFromAddress columns in one of Defender's spellings, and whether they name it. */
    private String[] dressed(String domain) {
        String local = "news" + random.nextInt(5);
        double x = random.nextDouble();
        if (x < 0.65) {
            return columns(domain, local + "@" + domain);
        } else if (x < 0.75) {
            return columns(domain.toUpperCase(Locale.ROOT), local + "@" + domain);
        } else if (x < 0.82) {
            return columns(domain + ".", local + "@" + domain);
        } else if (x < 0.92) {
            return columns(null, local.toUpperCase(Locale.ROOT) + "@" + domain.toUpperCase(Locale.ROOT));
        } else if (x < 0.97) {
            return new String[] {"", ",\"SenderFromAddress\":\"" + local + "@" + domain + "\"", domain};
        }
        return new String[] {",\"SenderFromDomain\":null", ",\"SenderFromAddress\":null", null};
    }

    private static String[] columns(String fromDomain, String fromAddress) {
        return new String[] {",\"SenderFromDomain\":" + quoted(fromDomain), ",\"SenderFromAddress\":" + quoted(fromAddress),
            "named"};
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
