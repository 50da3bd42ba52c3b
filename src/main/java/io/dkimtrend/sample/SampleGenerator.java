package io.dkimtrend.sample;

import static io.dkimtrend.sample.GroundTruth.FAIL;
import static io.dkimtrend.sample.GroundTruth.NONE;
import static io.dkimtrend.sample.GroundTruth.OTHER;
import static io.dkimtrend.sample.GroundTruth.PASS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dkimtrend.sample.GroundTruth.DeadLetter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes realistic, deterministic Microsoft Defender XDR Streaming-API input and returns the
 * {@link GroundTruth} a correct job must report for it.
 *
 * <p>Bundle mode (the default, {@code records == 0}) writes {@code events/} in three shapes (Event Hubs
 * envelopes, storage-account hourly blobs, Advanced Hunting flat rows) with every variant of
 * Timestamp and AuthenticationDetails, re-deliveries, records of other tables and dead letters, and
 * the expected daily series under {@code expected/}. Records mode ({@code --records N}) streams one
 * big NDJSON file of envelopes for throughput benchmarks.
 *
 * <p>Every choice comes from a {@link SplittableRandom} seeded with the settings' seed; no clock is
 * read. The truth of each row (its instant, DKIM bucket, identity) is decided before the row is
 * written, never read back from the output.
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final DateTimeFormatter SECONDS_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FRACTION7_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FRACTION7_NO_ZONE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_NO_ZONE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private SampleGenerator() {}

    /**
     * Generates into {@code outDir}: the bundle ({@code events/}, {@code expected/}; both folders are
     * replaced) or, in records mode, {@code events/eventhubs/records-N.ndjson} and {@code expected/}.
     */
    public static GroundTruth generate(Path outDir, SampleSettings settings) {
        try {
            return settings.recordsMode() ? new RecordsFile(outDir, settings).run() : new Bundle(outDir, settings).run();
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

    // ------------------------------------------------------------------------------------- model

    enum Shape { EVENT_HUBS, STORAGE, ADVANCED_HUNTING }

    /** An organisation whose Defender tenant streams. */
    static final class Tenant {
        final String id;
        final String name;
        final String domain;
        final double weight;
        final String inboundConnector;
        final List<String> mailboxes = new ArrayList<>();
        final List<String> displayNames = new ArrayList<>();
        final List<String> objectIds = new ArrayList<>();
        final List<String> deviceNames = new ArrayList<>();
        final List<String> deviceIds = new ArrayList<>();
        final String egressIp;

        Tenant(String id, String name, String domain, double weight, String inboundConnector, String egressIp) {
            this.id = id;
            this.name = name;
            this.domain = domain;
            this.weight = weight;
            this.inboundConnector = inboundConnector;
            this.egressIp = egressIp;
        }
    }

    /** One EmailEvents row the job must count, with what the generator knows about it. */
    static final class Email {
        long seq;
        Instant ts;
        Tenant tenant;
        ObjectNode props;
        int bucket;
        /** NetworkMessageId as written, null when the row lacks it. */
        UUID nmid;
        /** The message's id, also when the row lacks it (other tables refer to it). */
        UUID messageId;
        /** RecipientEmailAddress as written, null when the row lacks it. */
        String recipient;
        String recipientObjectId;
        String senderFrom;
        String senderDisplay;
        String senderObjectId;
        String deliveryLocation;
        boolean campaign;
        List<String> urls = List.of();
        List<String[]> attachments = List.of();
        // placement
        Shape shape = Shape.EVENT_HUBS;
        int partition;
        boolean big;
        boolean categoryless;
        boolean noResend;
        Instant time;
        Instant received;

        boolean identified() {
            return nmid != null && recipient != null;
        }
    }

    /** A re-delivery of an email row. */
    static final class Resend {
        long seq;
        Email original;
        ObjectNode props;
        Shape shape;
        int partition;
        Instant time;
        Instant received;
        String kind;
    }

    /** A record of an Event Hubs envelope or a storage blob. */
    record Item(long seq, Instant time, Instant received, Tenant tenant, String category, JsonNode props) {}

    record DayPlan(LocalDate day, int rows, double failRate, int campaignRows, int spikeIndex) {}

    record Party(String address, String displayName, String objectId) {}

    record Campaign(Party sender, String mailFromAddress, String mailFromDomain, String ipPrefix, String subject,
            long clusterId, String url) {}

    // ------------------------------------------------------------------------------ vocabulary

    static final String[] FIRST = {"aino", "bram", "carla", "dario", "elif", "femke", "goran", "hana", "ivo",
        "jonas", "kira", "lars", "mira", "nils", "olga", "pavel", "quinn", "rosa", "sami", "tilda", "umar", "vera",
        "wout", "xenia", "yara", "zeno", "anouk", "basil", "cleo", "dagny", "emil", "frida", "gideon", "hedda",
        "ines", "jorin", "katja", "leon", "maren", "noor"};
    static final String[] LAST = {"achterberg", "bauer", "castell", "dimitrov", "eriksen", "falk", "gruber",
        "haugen", "ivanova", "jansen", "keller", "lindqvist", "moreau", "novak", "okafor", "petersen", "quist",
        "romero", "schuster", "tanaka", "ulrich", "varga", "weber", "yilmaz", "zandvliet", "brandt", "costa",
        "dupont", "engel", "fischer", "hartmann", "kovac", "lehmann", "meyer", "nowak", "olsen", "richter",
        "sommer", "vogel", "winter"};

    /** Fictional sender domains and the brand they mail as. */
    static final String[][] SENDER_DOMAINS = {
        {"fabrikam.com", "Fabrikam"}, {"tailspin.io", "Tailspin"}, {"northwindtraders.com", "Northwind Traders"},
        {"adventure-works.com", "Adventure Works"}, {"wingtiptoys.com", "Wingtip Toys"},
        {"proseware.com", "Proseware"}, {"lucernepublishing.com", "Lucerne Publishing"},
        {"alpineskihouse.com", "Alpine Ski House"}, {"cohowinery.com", "Coho Winery"},
        {"fourthcoffee.com", "Fourth Coffee"}, {"margiestravel.com", "Margie's Travel"},
        {"treyresearch.net", "Trey Research"}, {"wideworldimporters.com", "Wide World Importers"},
        {"blueyonderairlines.com", "Blue Yonder Airlines"}, {"consolidatedmessenger.com", "Consolidated Messenger"},
        {"graphicdesigninstitute.com", "Graphic Design Institute"}, {"humongousinsurance.com", "Humongous Insurance"},
        {"relecloud.com", "Relecloud"}, {"southridgevideo.com", "Southridge Video"}, {"adatum.com", "A. Datum"},
        {"cpandl.com", "City Power & Light"}, {"fineartschool.net", "Fine Art School"},
        {"tailwindtraders.com", "Tailwind Traders"}, {"firstupconsultants.com", "First Up Consultants"},
        {"lamnahealthcare.com", "Lamna Healthcare"}, {"nodpublishers.com", "Nod Publishers"},
        {"vanarsdelltd.com", "VanArsdel"}, {"contososuites.com", "Contoso Suites"},
        {"fabrikamresidences.com", "Fabrikam Residences"}, {"litware.dev", "Litware Labs"},
        {"bellowscollege.edu", "Bellows College"}, {"munsonpickles.com", "Munson's Pickles"},
        {"baldwinmuseum.org", "Baldwin Museum of Science"}, {"woodgrove-partners.net", "Woodgrove Partners"},
        {"northwindmail.net", "Northwind Mail"}, {"tailspintoys.com", "Tailspin Toys"}};

    static final String[] ROLE_LOCALS = {"billing", "invoices", "noreply", "no-reply", "newsletter", "news",
        "support", "orders", "notifications", "events", "careers", "accounts", "service", "info"};
    static final String[] ROLE_NAMES = {"Billing", "Invoices", "", "", "Newsletter", "News", "Support", "Orders",
        "Notifications", "Events", "Careers", "Accounts", "Customer Service", "Info"};

    static final String[] PROJECTS = {"Atlas", "Harbor", "Juniper", "Quartz", "Meridian", "Falcon", "Lumen",
        "Orchid", "Cobalt", "Summit", "Beacon", "Tundra"};
    static final String[] THINGS = {"shipping", "licence", "maintenance", "catering", "cloud storage",
        "insurance", "parking", "travel", "hardware", "training"};
    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

    static final String[] SUBJECTS_EN = {"Invoice {n} for {month}", "Your order #{n} has shipped",
        "Weekly status: {project}", "Re: {project} kickoff notes", "Reminder: timesheet due {weekday}",
        "Action required: confirm your {thing} details", "Quarterly newsletter - {month} edition",
        "Re: Re: question about the {thing} contract", "Delivery notice {n}: parcel waiting at depot",
        "Your {thing} subscription renews on {day} {month}", "Meeting request: {project} review",
        "Shared document: {project} budget v{d}.xlsx", "Out of office: back on {weekday}",
        "FW: {thing} quote #{n}", "Webinar invitation: what's new in {project} {d}.0",
        "Receipt for your payment of EUR {n}", "Re: lunch on {weekday}?", "[{project}] build {n} failed",
        "Your statement for {month} is ready", "Survey: tell us about your {thing} experience"};
    static final String[] SUBJECTS_DE = {"Rechnung Nr. {n} \u2013 F\u00e4lligkeit {day}. {month}",
        "Einladung: {project} Abstimmung am {weekday}", "Lieferavis {n}: Ihre Sendung ist unterwegs",
        "AW: Angebot f\u00fcr {thing}", "Erinnerung: Gr\u00fc\u00dfe vom {project}-Team"};
    static final String[] SUBJECTS_FR = {"Facture n\u00b0 {n}", "R\u00e9union de suivi \u2013 {project}",
        "Confirmation de commande {n}", "Votre relev\u00e9 de {month} est disponible"};
    static final String[] SUBJECTS_NL = {"Factuur {n} voor {month}", "Uitnodiging: {project} overleg",
        "Herinnering: bevestig uw {thing}"};
    static final String[] SUBJECTS_ES = {"Factura {n} de {month}", "Reuni\u00f3n: revisi\u00f3n de {project}",
        "Su pedido {n} est\u00e1 en camino"};
    static final String[] SUBJECTS_JA = {"\u3010\u3054\u6848\u5185\u3011{project} \u8aac\u660e\u4f1a\u306e\u304a\u77e5\u3089\u305b",
        "\u8acb\u6c42\u66f8 {n} \u306e\u9001\u4ed8"};
    static final String[] CAMPAIGN_SUBJECTS = {"Urgent: payroll details must be confirmed today",
        "Your mailbox storage is full - verify to keep receiving mail",
        "Secure message from HR: salary review {n}", "Invoice {n} overdue - final notice"};
    /** Subjects that contain the text "DKIM":"fail" on emails whose DKIM passes. */
    static final String[] TRAP_SUBJECTS = {
        "Re: report shows \"DKIM\":\"fail\" for our newsletter - is that expected?",
        "Fwd: header dump {\"SPF\":\"pass\",\"DKIM\":\"fail\"} from last week",
        "Ticket {n}: customer sees \"DKIM\":\"fail\" in their gateway log",
        "Training: how to read {\"DKIM\":\"fail\",\"DMARC\":\"fail\"} in AuthenticationDetails",
        "Re: why did the query match \"DKIM\":\"fail\" on a passing message?",
        "Postmortem {n}: alert rule fired on \"DKIM\":\"fail\" text in subjects"};

    static final String[] URL_PATHS = {"invoice/view", "track", "account/settings", "news/2026/10", "unsubscribe",
        "events/register", "docs/share", "orders/status", "login", "survey/start"};
    static final String[][] ATTACHMENT_TYPES = {{"pdf", "Invoice_{n}.pdf"}, {"docx", "Minutes_{project}.docx"},
        {"xlsx", "Budget_{project}_v{d}.xlsx"}, {"png", "image00{d}.png"}, {"zip", "Scans_{n}.zip"},
        {"ics", "invite.ics"}};

    /** Relative mail volume per UTC hour: office hours, and much night mail around midnight UTC. */
    static final int[] HOUR_WEIGHTS = {8, 6, 3, 2, 1, 2, 4, 7, 10, 11, 11, 10, 9, 10, 10, 9, 8, 6, 4, 3, 4, 5, 8, 9};

    // -------------------------------------------------------------------------------- helpers

    static UUID guid(SplittableRandom r) {
        long high = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    static String hex(SplittableRandom r, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit(r.nextInt(16), 16));
        }
        return text.toString();
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A duration in 100 ns ticks between {@code fromSeconds} and {@code toSeconds}. */
    static Duration ticks(SplittableRandom r, double fromSeconds, double toSeconds) {
        long from = (long) (fromSeconds * 10_000_000L);
        long to = (long) (toSeconds * 10_000_000L);
        return Duration.ofNanos(r.nextLong(from, to) * 100L);
    }

    static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String fill(SplittableRandom r, String template) {
        return template.replace("{n}", Integer.toString(r.nextInt(10_000, 99_999)))
                .replace("{month}", pick(r, MONTHS))
                .replace("{project}", pick(r, PROJECTS))
                .replace("{thing}", pick(r, THINGS))
                .replace("{weekday}", pick(r, WEEKDAYS))
                .replace("{day}", Integer.toString(r.nextInt(1, 29)))
                .replace("{d}", Integer.toString(r.nextInt(1, 10)));
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A uniformly random second of the UTC {@code day}, its hour weighted by {@link #HOUR_WEIGHTS}. */
    static Instant randomSecond(SplittableRandom r, LocalDate day) {
        int total = Arrays.stream(HOUR_WEIGHTS).sum();
        int x = r.nextInt(total);
        int hour = 0;
        while (x >= HOUR_WEIGHTS[hour]) {
            x -= HOUR_WEIGHTS[hour];
            hour++;
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + r.nextInt(3600));
    }

    /** From the start of the outage day in the earlier of UTC and Europe/Berlin to its end in the later. */
    static Instant[] outageWindow(SampleSettings settings) {
        return settings.outageDay().map(day -> {
            Instant utcStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant berlinStart = day.atStartOfDay(EUROPE_BERLIN).toInstant();
            Instant utcEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant berlinEnd = day.plusDays(1).atStartOfDay(EUROPE_BERLIN).toInstant();
            return new Instant[] {
                utcStart.isBefore(berlinStart) ? utcStart : berlinStart, utcEnd.isAfter(berlinEnd) ? utcEnd : berlinEnd
            };
        }).orElse(null);
    }

    static boolean inWindow(Instant[] window, Instant t) {
        return window != null && !t.isBefore(window[0]) && t.isBefore(window[1]);
    }

    static List<DayPlan> dayPlans(SampleSettings settings, SplittableRandom r) {
        List<DayPlan> plans = new ArrayList<>();
        List<LocalDate> spikes = settings.spikeDays();
        LocalDate outage = settings.outageDay().orElse(null);
        for (int i = 0; i < settings.days(); i++) {
            LocalDate day = settings.start().plusDays(i);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            double volume = weekend ? 0.21 + 0.12 * r.nextDouble() : 0.83 + 0.42 * r.nextDouble();
            int spike = spikes.indexOf(day);
            double failRate = spike >= 0 ? 0.14 + 0.06 * r.nextDouble() : 0.06 + 0.04 * r.nextDouble();
            int rows = day.equals(outage) ? 0 : (int) Math.round(settings.weekdayEmails() * volume);
            int campaign = spike >= 0 ? (int) Math.round(settings.weekdayEmails() * 0.3) : 0;
            plans.add(new DayPlan(day, rows, failRate, campaign, spike));
        }
        return plans;
    }

    static List<Tenant> tenants(SplittableRandom r) {
        Object[][] specs = {
            {"Contoso", "contoso.com", 0.70, 160, null, "198.51.100.20"},
            {"Woodgrove Bank", "woodgrovebank.com", 0.20, 60, "Inbound from Woodgrove mail gateway", "198.51.100.71"},
            {"Litware", "litwareinc.com", 0.10, 30, null, "203.0.113.200"}};
        List<Tenant> tenants = new ArrayList<>();
        for (Object[] spec : specs) {
            Tenant tenant = new Tenant(guid(r).toString(), (String) spec[0], (String) spec[1], (Double) spec[2],
                    (String) spec[4], (String) spec[5]);
            int mailboxes = (Integer) spec[3];
            while (tenant.mailboxes.size() < mailboxes) {
                String first = pick(r, FIRST);
                String last = pick(r, LAST);
                String address = first + "." + last + "@" + tenant.domain;
                if (!tenant.mailboxes.contains(address)) {
                    tenant.mailboxes.add(address);
                    tenant.displayNames.add(capitalize(first) + " " + capitalize(last));
                    tenant.objectIds.add(guid(r).toString());
                }
            }
            String prefix = tenant.domain.substring(0, 2).toUpperCase(Locale.ROOT);
            for (int d = 0; d < mailboxes / 3; d++) {
                tenant.deviceNames.add((d % 4 == 0 ? "LT-" : "WS-") + prefix + String.format("%04d", r.nextInt(10_000))
                        + "." + tenant.domain.substring(0, tenant.domain.indexOf('.')) + ".local");
                tenant.deviceIds.add(hex(r, 40));
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    // ---------------------------------------------------------------------------- row factory

    /** Builds realistic EmailEvents rows and records of other tables. */
    static final class RowFactory {
        private final SplittableRandom r;
        private final List<Tenant> tenants;

        RowFactory(SplittableRandom r, List<Tenant> tenants) {
            this.r = r;
            this.tenants = tenants;
        }

        Tenant pickTenant() {
            double x = r.nextDouble();
            for (Tenant tenant : tenants) {
                if (x < tenant.weight) {
                    return tenant;
                }
                x -= tenant.weight;
            }
            return tenants.get(0);
        }

        int pickBucket(double failRate) {
            double x = r.nextDouble();
            if (x < failRate) return FAIL;
            x -= failRate;
            if (x < 0.015) return OTHER;
            x -= 0.015;
            if (x < 0.12) return NONE;
            return PASS;
        }

        String ipv4(int domainIndex) {
            String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
            return prefixes[domainIndex % 3] + (10 + (domainIndex * 7) % 200 + r.nextInt(3));
        }

        Campaign campaign(Tenant target) {
            String[] sender = pick(r, SENDER_DOMAINS);
            String mailFromDomain = "mx" + r.nextInt(2, 9) + "." + sender[0];
            Party from = new Party("payroll@" + target.domain, target.name + " Payroll", null);
            return new Campaign(from, "return-" + hex(r, 8) + "@" + mailFromDomain, mailFromDomain,
                    "198.51.100." + (150 + r.nextInt(50)) / 10 * 10, fill(r, pick(r, CAMPAIGN_SUBJECTS)),
                    3_100_000_000_000L + r.nextLong(100_000_000_000L),
                    "https://" + target.domain.replace('.', '-') + "-payroll." + pick(r, new String[] {"example", "test"})
                            + "/verify?u=" + hex(r, 12));
        }

        /** One message with {@code 1..maxRecipients} rows, one per recipient, sharing Timestamp and verdict. */
        List<Email> message(Instant second, Tenant tenant, int bucket, Campaign campaign, int maxRecipients) {
            String direction;
            double x = r.nextDouble();
            if (campaign != null) {
                direction = "Inbound";
            } else if (bucket == NONE) {
                direction = x < 0.65 ? "Intra-org" : "Inbound";
            } else if (bucket == PASS) {
                direction = x < 0.84 ? "Inbound" : x < 0.92 ? "Outbound" : "Intra-org";
            } else {
                direction = x < 0.95 ? "Inbound" : "Outbound";
            }

            // sender
            Party sender;
            String mailFrom;
            String mailFromDomain;
            String ipv4;
            int domainIndex = r.nextInt(SENDER_DOMAINS.length);
            String[] domain = SENDER_DOMAINS[domainIndex];
            boolean bulk = false;
            if (campaign != null) {
                sender = campaign.sender();
                mailFrom = campaign.mailFromAddress();
                mailFromDomain = campaign.mailFromDomain();
                ipv4 = campaign.ipPrefix().substring(0, campaign.ipPrefix().lastIndexOf('.') + 1)
                        + (Integer.parseInt(campaign.ipPrefix().substring(campaign.ipPrefix().lastIndexOf('.') + 1))
                                + r.nextInt(10));
            } else if (direction.equals("Inbound")) {
                if (r.nextDouble() < 0.55) {
                    int role = r.nextInt(ROLE_LOCALS.length);
                    String display = ROLE_NAMES[role].isEmpty() ? domain[1] : domain[1] + " " + ROLE_NAMES[role];
                    sender = new Party(ROLE_LOCALS[role] + "@" + domain[0], display, null);
                    bulk = role >= 4 && role <= 5 || r.nextDouble() < 0.3;
                    mailFromDomain = bulk ? "em" + r.nextInt(100, 999) + "." + domain[0] : domain[0];
                    mailFrom = bulk ? "bounces+" + r.nextInt(100_000, 999_999) + "@" + mailFromDomain : sender.address();
                } else {
                    String first = pick(r, FIRST);
                    String last = pick(r, LAST);
                    sender = new Party(first + "." + last + "@" + domain[0], capitalize(first) + " " + capitalize(last),
                            null);
                    mailFromDomain = domain[0];
                    mailFrom = sender.address();
                }
                ipv4 = ipv4(domainIndex);
            } else {
                int m = r.nextInt(tenant.mailboxes.size());
                sender = new Party(tenant.mailboxes.get(m), tenant.displayNames.get(m), tenant.objectIds.get(m));
                mailFrom = sender.address();
                mailFromDomain = tenant.domain;
                ipv4 = direction.equals("Outbound") ? tenant.egressIp : null;
            }

            // recipients
            int count = 1;
            double y = r.nextDouble();
            if (y >= 0.80) count = y < 0.93 ? 2 : y < 0.98 ? 3 : 4;
            count = Math.max(1, Math.min(count, maxRecipients));
            List<Party> recipients = new ArrayList<>();
            while (recipients.size() < count) {
                Party p;
                if (direction.equals("Outbound")) {
                    String first = pick(r, FIRST);
                    String last = pick(r, LAST);
                    p = new Party(first + "." + last + "@" + domain[0], capitalize(first) + " " + capitalize(last), null);
                } else {
                    int m = r.nextInt(tenant.mailboxes.size());
                    p = new Party(tenant.mailboxes.get(m), tenant.displayNames.get(m), tenant.objectIds.get(m));
                }
                if (!p.address().equals(sender.address())
                        && recipients.stream().noneMatch(q -> q.address().equals(p.address()))) {
                    recipients.add(p);
                }
            }

            // subject and language
            String subject;
            String language;
            if (campaign != null) {
                subject = campaign.subject();
                language = "en";
            } else {
                double z = r.nextDouble();
                String[] pool;
                if (z < 0.75) {
                    pool = SUBJECTS_EN;
                    language = "en";
                } else if (z < 0.85) {
                    pool = SUBJECTS_DE;
                    language = "de";
                } else if (z < 0.90) {
                    pool = SUBJECTS_FR;
                    language = "fr";
                } else if (z < 0.94) {
                    pool = SUBJECTS_NL;
                    language = "nl";
                } else if (z < 0.98) {
                    pool = SUBJECTS_ES;
                    language = "es";
                } else {
                    pool = SUBJECTS_JA;
                    language = "ja";
                }
                subject = fill(r, pick(r, pool));
            }

            // verdict
            String threatTypes = null;
            String detectionMethods = null;
            String confidence = null;
            String deliveryAction = "Delivered";
            String deliveryLocation = "Inbox/folder";
            String emailAction = null;
            String emailActionPolicy = null;
            Integer bcl = null;
            String orgAction = null;
            String userAction = null;
            if (campaign != null) {
                threatTypes = "Phish";
                detectionMethods = "{\"Phish\":[\"Spoof DMARC\"]}";
                confidence = "{\"Phish\":\"High\"}";
                deliveryAction = "Blocked";
                deliveryLocation = "Quarantine";
                emailAction = "Send to quarantine";
                emailActionPolicy = "Antiphish Spoof DMARC";
                bcl = 0;
            } else if (direction.equals("Inbound")) {
                double v = r.nextDouble();
                double spam = bucket == FAIL ? 0.30 : bucket == OTHER ? 0.20 : 0.08;
                bcl = bulk ? r.nextInt(4, 10) : r.nextInt(0, 3);
                if (v < spam) {
                    threatTypes = "Spam";
                    detectionMethods = bulk ? "{\"Spam\":[\"Bulk\"]}"
                            : pick(r, new String[] {"{\"Spam\":[\"Mixed analysis detection\"]}",
                                "{\"Spam\":[\"Advanced filter\"]}", "{\"Spam\":[\"Domain reputation\"]}"});
                    confidence = r.nextBoolean() ? "{\"Spam\":\"Normal\"}" : "{\"Spam\":\"High\"}";
                    deliveryAction = "Junked";
                    deliveryLocation = "Junk folder";
                    emailAction = "Move to junk mail folder";
                    emailActionPolicy = bulk ? "Antispam Bulk" : "Antispam Spam";
                } else if (v < spam + 0.02) {
                    threatTypes = "Phish";
                    detectionMethods = pick(r, new String[] {"{\"Phish\":[\"URL detonation reputation\"]}",
                        "{\"Phish\":[\"Impersonation user\"]}", "{\"Phish\":[\"Fingerprint matching\"]}"});
                    confidence = "{\"Phish\":\"High\"}";
                    deliveryAction = "Blocked";
                    deliveryLocation = "Quarantine";
                    emailAction = "Send to quarantine";
                    emailActionPolicy = "Antiphish User impersonation";
                } else if (v < spam + 0.025) {
                    threatTypes = "Malware";
                    detectionMethods = "{\"Malware\":[\"File detonation\"]}";
                    confidence = "{\"Malware\":\"High\"}";
                    deliveryAction = "Blocked";
                    deliveryLocation = "Quarantine";
                    emailAction = "Send to quarantine";
                    emailActionPolicy = "Antimalware";
                } else {
                    if (r.nextDouble() < 0.35) {
                        confidence = "{\"Spam\":\"Low\"}";
                    }
                    double w = r.nextDouble();
                    if (w < 0.05) {
                        orgAction = "Allow";
                    } else if (w < 0.08) {
                        userAction = "Allow";
                    }
                }
            } else if (direction.equals("Outbound")) {
                deliveryLocation = "On-premises/external";
            }

            JsonNode auth = authenticationDetails(bucket, direction, campaign != null);

            // timestamp
            String tsText;
            Instant ts = second;
            double t = r.nextDouble();
            if (t < 0.86) {
                tsText = SECONDS_Z.format(second);
            } else if (t < 0.905) {
                ts = second.plusNanos(r.nextInt(10_000_000) * 100L);
                tsText = FRACTION7_Z.format(ts);
            } else if (t < 0.955) {
                ZoneOffset offset = r.nextBoolean() ? ZoneOffset.ofHours(2) : ZoneOffset.ofHours(-5);
                tsText = SECONDS_OFFSET.format(second.atOffset(offset));
            } else {
                tsText = SECONDS_NO_ZONE.format(second);
            }

            UUID messageId = guid(r);
            String host = direction.equals("Inbound") ? mailFromDomain : tenant.domain;
            String internetMessageId = "<" + hex(r, 16).toUpperCase(Locale.ROOT) + "@" + (campaign != null ? "mail." : "")
                    + host + ">";
            long clusterId = campaign != null ? campaign.clusterId() : 3_000_000_000_000L + r.nextLong(400_000_000_000L);
            int urlCount = campaign != null ? 1 : r.nextDouble() < 0.35 ? 0 : r.nextInt(1, 14);
            int attachmentCount = campaign != null ? 0 : r.nextDouble() < 0.84 ? 0 : r.nextInt(1, 4);
            List<String> urls = new ArrayList<>();
            if (campaign != null) {
                urls.add(campaign.url());
            } else {
                String urlHost = direction.equals("Inbound") ? domain[0] : tenant.domain;
                for (int u = 0; u < Math.min(urlCount, 3); u++) {
                    urls.add("https://" + (u == 0 ? "www." : "links.") + urlHost + "/" + pick(r, URL_PATHS) + "?id="
                            + hex(r, 10));
                }
            }
            List<String[]> attachments = new ArrayList<>();
            for (int a = 0; a < attachmentCount; a++) {
                String[] type = pick(r, ATTACHMENT_TYPES);
                attachments.add(new String[] {fill(r, type[1]), type[0], hex(r, 64), Integer.toString(r.nextInt(2_000, 4_000_000))});
            }
            String additional = r.nextDouble() < 0.5 ? null
                    : "{\"ReceivedHops\":" + r.nextInt(1, 7) + ",\"IsMailingList\":" + bulk + "}";
            ArrayNode to = NODES.arrayNode();
            JsonNode cc;
            int toCount = recipients.size() == 1 ? 1 : r.nextInt(1, recipients.size() + 1);
            for (int i = 0; i < toCount; i++) {
                to.add(recipients.get(i).address());
            }
            if (toCount == recipients.size()) {
                cc = r.nextDouble() < 0.2 ? NullNode.instance : NODES.arrayNode();
            } else {
                ArrayNode ccs = NODES.arrayNode();
                for (int i = toCount; i < recipients.size(); i++) {
                    ccs.add(recipients.get(i).address());
                }
                cc = ccs;
            }

            List<Email> rows = new ArrayList<>();
            for (Party recipient : recipients) {
                Email e = new Email();
                e.ts = ts;
                e.tenant = tenant;
                e.bucket = bucket;
                e.messageId = messageId;
                e.campaign = campaign != null;
                e.deliveryLocation = deliveryLocation;
                e.urls = urls;
                e.attachments = attachments;
                e.senderFrom = sender.address();
                e.senderDisplay = sender.displayName();
                e.senderObjectId = sender.objectId();
                e.recipientObjectId = recipient.objectId();

                int idMode = r.nextDouble() < 0.006 ? 1 + r.nextInt(2) : 0; // 1 absent, 2 null
                int recipientMode = r.nextDouble() < 0.006 ? 1 + r.nextInt(2) : 0;
                String recipientText = recipient.address();
                if (r.nextDouble() < 0.06) {
                    int at = recipientText.indexOf('@');
                    String[] local = recipientText.substring(0, at).split("\\.");
                    recipientText = capitalize(local[0]) + (local.length > 1 ? "." + capitalize(local[1]) : "") + "@"
                            + capitalize(recipientText.substring(at + 1));
                }
                e.nmid = idMode == 0 ? messageId : null;
                e.recipient = recipientMode == 0 ? recipientText : null;

                ObjectNode p = NODES.objectNode();
                p.put("Timestamp", tsText);
                if (idMode != 1) p.put("NetworkMessageId", e.nmid == null ? null : e.nmid.toString());
                p.put("InternetMessageId", internetMessageId);
                p.put("SenderMailFromAddress", mailFrom);
                p.put("SenderFromAddress", sender.address());
                p.put("SenderDisplayName", sender.displayName());
                p.put("SenderObjectId", sender.objectId());
                p.put("SenderMailFromDomain", mailFromDomain);
                p.put("SenderFromDomain", sender.address().substring(sender.address().indexOf('@') + 1));
                p.put("SenderIPv4", ipv4);
                if (recipientMode != 1) p.put("RecipientEmailAddress", e.recipient);
                p.put("RecipientObjectId", recipient.objectId());
                p.put("Subject", subject);
                p.put("EmailClusterId", clusterId);
                p.put("EmailDirection", direction);
                p.put("DeliveryAction", deliveryAction);
                p.put("DeliveryLocation", deliveryLocation);
                p.put("ThreatTypes", threatTypes);
                p.put("DetectionMethods", detectionMethods);
                p.put("ConfidenceLevel", confidence);
                p.put("BulkComplaintLevel", bcl);
                p.put("EmailAction", emailAction);
                p.put("EmailActionPolicy", emailActionPolicy);
                p.set("AuthenticationDetails", auth);
                p.put("AttachmentCount", attachmentCount);
                p.put("UrlCount", urlCount);
                p.put("EmailLanguage", language);
                p.put("Connectors", direction.equals("Inbound") ? tenant.inboundConnector : null);
                p.put("OrgLevelAction", orgAction);
                p.put("UserLevelAction", userAction);
                p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
                p.put("AdditionalFields", additional);
                p.set("To", to);
                p.set("Cc", cc);
                p.put("IsFirstContact", direction.equals("Inbound") && r.nextDouble() < 0.15);
                e.props = p;
                rows.add(e);
            }
            return rows;
        }

        /** An AuthenticationDetails value whose DKIM bucket is {@code bucket}, in one of its many forms. */
        JsonNode authenticationDetails(int bucket, String direction, boolean campaign) {
            String dkim;
            if (bucket == NONE) {
                double x = r.nextDouble();
                if (x < 0.12) return NullNode.instance;
                if (x < 0.22) return TextNode.valueOf("");
                if (x < 0.30) return TextNode.valueOf(r.nextBoolean() ? "n/a" : "unavailable");
                if (x < 0.50) {
                    LinkedHashMap<String, String> noDkim = new LinkedHashMap<>();
                    String spf = pick(r, new String[] {"pass", "pass", "softfail", "none"});
                    noDkim.put("SPF", spf);
                    noDkim.put("DMARC", spf.equals("pass") ? "bestguesspass" : "none");
                    if (r.nextBoolean()) noDkim.put("CompAuth", spf.equals("pass") ? "pass" : "softpass");
                    return render(noDkim, style(false));
                }
                dkim = "none";
            } else if (bucket == FAIL) {
                double x = r.nextDouble();
                dkim = x < 0.86 ? "fail" : x < 0.93 ? "FAIL" : "Fail";
            } else if (bucket == PASS) {
                double x = r.nextDouble();
                dkim = x < 0.96 ? "pass" : x < 0.98 ? "Pass" : "PASS";
            } else {
                dkim = pick(r, new String[] {"temperror", "temperror", "permerror", "permerror", "policy", "neutral",
                    "TempError"});
            }
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            if (bucket == NONE && direction.equals("Intra-org") && r.nextDouble() < 0.6) {
                values.put("DKIM", "none");
                values.put("DMARC", "none");
                return render(values, r.nextDouble() < 0.9 ? 0 : style(false));
            }
            String spf;
            String dmarc;
            String compAuth;
            switch (bucket) {
                case FAIL -> {
                    spf = campaign ? pick(r, new String[] {"fail", "softfail"})
                            : pick(r, new String[] {"pass", "pass", "fail", "softfail", "none"});
                    dmarc = spf.equals("pass") ? "pass" : "fail";
                    compAuth = dmarc.equals("pass") ? "pass" : "fail";
                }
                case PASS -> {
                    double x = r.nextDouble();
                    spf = x < 0.9 ? "pass" : x < 0.95 ? "softfail" : "neutral";
                    dmarc = "pass";
                    compAuth = "pass";
                }
                case NONE -> {
                    double x = r.nextDouble();
                    spf = x < 0.7 ? "pass" : x < 0.9 ? "none" : "softfail";
                    dmarc = spf.equals("pass") ? "bestguesspass" : "none";
                    compAuth = spf.equals("pass") ? "pass" : r.nextBoolean() ? "softpass" : "none";
                }
                default -> {
                    spf = r.nextDouble() < 0.7 ? "pass" : "temperror";
                    dmarc = spf.equals("pass") ? "pass" : "temperror";
                    compAuth = spf.equals("pass") ? "pass" : "softpass";
                }
            }
            values.put("SPF", spf);
            values.put("DKIM", dkim);
            values.put("DMARC", dmarc);
            values.put("CompAuth", compAuth);
            int style = style(true);
            if (style == 1) {
                // missing keys: drop one or two of SPF, DMARC, CompAuth (DKIM stays)
                List<String> droppable = new ArrayList<>(List.of("SPF", "DMARC", "CompAuth"));
                int drop = 1 + r.nextInt(2);
                for (int i = 0; i < drop; i++) {
                    values.remove(droppable.remove(r.nextInt(droppable.size())));
                }
                style = 0;
            }
            return render(values, style);
        }

        /** 0 compact string, 1 compact with missing keys, 2 spaced string, 3 JSON object. */
        private int style(boolean allowMissing) {
            double x = r.nextDouble();
            if (x < 0.78) return 0;
            if (x < 0.86) return allowMissing ? 1 : 0;
            if (x < 0.93) return 2;
            return 3;
        }

        private JsonNode render(LinkedHashMap<String, String> values, int style) {
            List<String> keys = new ArrayList<>(values.keySet());
            if (r.nextDouble() < 0.3) {
                for (int i = keys.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    String k = keys.get(i);
                    keys.set(i, keys.get(j));
                    keys.set(j, k);
                }
            }
            ObjectNode object = NODES.objectNode();
            for (String key : keys) {
                object.put(key, values.get(key));
            }
            if (style == 3) {
                return object;
            }
            if (style == 2) {
                StringBuilder spaced = new StringBuilder();
                boolean lines = r.nextBoolean();
                spaced.append(lines ? "{\n  " : "{ ");
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) spaced.append(lines ? ",\n  " : " , ");
                    spaced.append('"').append(keys.get(i)).append(lines ? "\": \"" : "\" : \"")
                            .append(values.get(keys.get(i))).append('"');
                }
                spaced.append(lines ? "\n}" : " }");
                return TextNode.valueOf(spaced.toString());
            }
            return TextNode.valueOf(json(object));
        }

        ObjectNode urlInfo(Email e, String url) {
            ObjectNode p = NODES.objectNode();
            p.put("Timestamp", FRACTION7_Z.format(e.ts.truncatedTo(ChronoUnit.SECONDS)
                    .plusNanos(r.nextInt(10_000_000) * 100L)));
            p.put("NetworkMessageId", e.messageId.toString());
            p.put("Url", url);
            String host = url.substring(url.indexOf("//") + 2);
            p.put("UrlDomain", host.substring(0, host.indexOf('/')));
            p.put("UrlLocation", r.nextDouble() < 0.9 ? "Body" : "Subject");
            p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
            return p;
        }

        ObjectNode attachmentInfo(Email e, String[] attachment) {
            ObjectNode p = NODES.objectNode();
            p.put("Timestamp", FRACTION7_Z.format(e.ts.truncatedTo(ChronoUnit.SECONDS)
                    .plusNanos(r.nextInt(10_000_000) * 100L)));
            p.put("NetworkMessageId", e.messageId.toString());
            p.put("SenderFromAddress", e.senderFrom);
            p.put("SenderDisplayName", e.senderDisplay);
            p.put("SenderObjectId", e.senderObjectId);
            p.put("RecipientEmailAddress", e.recipient);
            p.put("RecipientObjectId", e.recipientObjectId);
            p.put("FileName", attachment[0]);
            p.put("FileType", attachment[1]);
            p.put("SHA256", attachment[2]);
            p.put("FileSize", Long.parseLong(attachment[3]));
            p.put("ThreatTypes", (String) null);
            p.put("ThreatNames", (String) null);
            p.put("DetectionMethods", (String) null);
            p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
            return p;
        }

        ObjectNode deviceEvent(Tenant tenant, Instant ts) {
            int device = r.nextInt(tenant.deviceIds.size());
            String account = tenant.mailboxes.get(r.nextInt(tenant.mailboxes.size()));
            String user = account.substring(0, account.indexOf('@'));
            String action = pick(r, new String[] {"PowerShellCommand", "DnsQueryResponse", "NamedPipeEvent",
                "AntivirusScanCompleted", "UsbDriveMounted", "BrowserLaunchedToOpenUrl", "ProcessCreatedUsingWmiQuery",
                "ScheduledTaskUpdated"});
            boolean file = action.equals("PowerShellCommand") || action.equals("ProcessCreatedUsingWmiQuery")
                    || action.equals("ScheduledTaskUpdated");
            boolean network = action.equals("DnsQueryResponse") || action.equals("BrowserLaunchedToOpenUrl");
            ObjectNode p = NODES.objectNode();
            p.put("Timestamp", FRACTION7_Z.format(ts));
            p.put("DeviceId", tenant.deviceIds.get(device));
            p.put("DeviceName", tenant.deviceNames.get(device).toLowerCase(Locale.ROOT));
            p.put("ActionType", action);
            p.put("FileName", file ? pick(r, new String[] {"powershell.exe", "wmic.exe", "schtasks.exe"}) : null);
            p.put("SHA256", file ? hex(r, 64) : null);
            p.put("AccountName", user);
            p.put("RemoteUrl", network ? "www." + pick(r, SENDER_DOMAINS)[0] : null);
            p.put("RemoteIP", network ? "203.0.113." + r.nextInt(1, 255) : null);
            p.put("LocalIP", "10." + r.nextInt(1, 40) + "." + r.nextInt(0, 255) + "." + r.nextInt(1, 255));
            p.put("ProcessCommandLine", action.equals("PowerShellCommand")
                    ? "powershell.exe -NoProfile -File C:\\ProgramData\\Scripts\\inventory.ps1" : null);
            p.put("InitiatingProcessFileName", pick(r, new String[] {"explorer.exe", "svchost.exe", "msedge.exe",
                "outlook.exe"}));
            p.put("InitiatingProcessId", r.nextInt(400, 40_000));
            p.put("AdditionalFields", action.equals("AntivirusScanCompleted")
                    ? "{\"ScanTypeIndex\":\"Quick\",\"DurationSeconds\":" + r.nextInt(40, 900) + "}" : null);
            p.put("ReportId", r.nextLong(1_000, 99_999_999));
            return p;
        }
    }

    /** A record of an envelope or a storage blob: time, tenantId, operationName, category, properties. */
    static ObjectNode record(Item item) {
        ObjectNode record = NODES.objectNode();
        record.put("time", FRACTION7_Z.format(item.time()));
        record.put("tenantId", item.tenant().id);
        record.put("operationName", "Publish");
        if (item.category() != null) {
            record.put("category", item.category());
        }
        if (item.received() != null) {
            record.put("_TimeReceivedBySvc", FRACTION7_NO_ZONE.format(item.received()));
        }
        record.set("properties", item.props());
        record.put("Tenant", "DefaultTenant");
        return record;
    }

    static final Comparator<Item> BY_TIME = Comparator.comparing(Item::time).thenComparingLong(Item::seq);

    /**
     * Cuts time-ordered items into envelopes of one tenant each: 1-50 records that lie within three minutes.
     */
    static List<List<Item>> envelopes(List<Item> sorted, SplittableRandom r) {
        Map<Tenant, List<Item>> byTenant = new LinkedHashMap<>();
        for (Item item : sorted) {
            byTenant.computeIfAbsent(item.tenant(), t -> new ArrayList<>()).add(item);
        }
        List<List<Item>> envelopes = new ArrayList<>();
        for (List<Item> items : byTenant.values()) {
            int i = 0;
            while (i < items.size()) {
                int target = 1 + r.nextInt(50);
                Instant first = items.get(i).time();
                int j = i;
                while (j < items.size() && j - i < target
                        && Duration.between(first, items.get(j).time()).getSeconds() < 180) {
                    j++;
                }
                envelopes.add(new ArrayList<>(items.subList(i, j)));
                i = j;
            }
        }
        envelopes.sort(Comparator.comparing((List<Item> e) -> e.get(0).time()).thenComparingLong(e -> e.get(0).seq()));
        return envelopes;
    }

    static String envelopeJson(List<Item> items) {
        ObjectNode envelope = NODES.objectNode();
        ArrayNode records = envelope.putArray("records");
        for (Item item : items) {
            records.add(record(item));
        }
        return json(envelope);
    }

    static void writeLines(Path file, List<String> lines, String lineEnd, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line : lines) {
                writer.write(line);
                writer.write(lineEnd);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    // --------------------------------------------------------------------------------- bundle

    /** The committed sample: three shapes, every variant, dead letters, expected series. */
    static final class Bundle {
        final Path out;
        final SampleSettings settings;
        final SplittableRandom planRandom;
        final SplittableRandom placeRandom;
        final SplittableRandom otherRandom;
        final SplittableRandom envelopeRandom;
        final SplittableRandom deadRandom;
        final List<Tenant> tenants;
        final RowFactory rows;
        final RowFactory otherRows;
        final RowFactory deadRows;
        final Instant[] outage;
        final GroundTruth truth = new GroundTruth();
        final List<Email> emails = new ArrayList<>();
        final List<Resend> resends = new ArrayList<>();
        final List<Item> otherItems = new ArrayList<>();
        final List<Integer> otherPartitions = new ArrayList<>();
        final List<Item> bigEnvelope = new ArrayList<>();
        /** Where each dead letter was written: "KIND: file". */
        final List<String> deadPlaces = new ArrayList<>();
        Instant storageEnd;
        Instant advancedHuntingStart;
        long seq;

        Bundle(Path out, SampleSettings settings) {
            this.out = out;
            this.settings = settings;
            SplittableRandom root = new SplittableRandom(settings.seed());
            SplittableRandom tenantRandom = root.split();
            planRandom = root.split();
            SplittableRandom rowRandom = root.split();
            placeRandom = root.split();
            otherRandom = root.split();
            envelopeRandom = root.split();
            deadRandom = root.split();
            tenants = tenants(tenantRandom);
            rows = new RowFactory(rowRandom, tenants);
            otherRows = new RowFactory(otherRandom, tenants);
            deadRows = new RowFactory(deadRandom, tenants);
            outage = outageWindow(settings);
        }

        GroundTruth run() throws IOException {
            deleteTree(out.resolve("events"));
            deleteTree(out.resolve("expected"));
            createEmails();
            place();
            markSpecialRows();
            createResends();
            createOtherTables();
            createBigEnvelope();
            for (Email e : emails) {
                truth.add(e.ts, e.bucket, e.nmid, e.recipient, false);
            }
            for (Resend x : resends) {
                Email e = x.original;
                truth.add(e.ts, e.bucket, e.nmid, e.recipient, true);
            }
            writeEventHubs();
            writeStorage();
            writeAdvancedHunting();
            writeExpected(out, settings, truth, deadPlaces);
            return truth;
        }

        private void dead(DeadLetter kind, String file) {
            truth.addDeadLetter(kind);
            deadPlaces.add(kind + ": `" + file + "`");
        }

        void createEmails() {
            List<DayPlan> plans = dayPlans(settings, planRandom);
            int bigSpike = settings.spikeDays().size() >= 2 ? 1 : 0;
            int[] campaignMinutes = {9 * 60 + 10, 23 * 60 + 35, 14 * 60 + 20};
            for (DayPlan plan : plans) {
                int made = 0;
                int failed = 0;
                while (made < plan.rows()) {
                    Instant second = randomSecond(planRandom, plan.day());
                    // steer towards the day's rate, so that the spikes stand out of the noise
                    double behind = plan.failRate() * made - failed;
                    double failRate = Math.max(0.0, Math.min(0.8, plan.failRate() + 0.05 * behind));
                    List<Email> message = rows.message(second, rows.pickTenant(), rows.pickBucket(failRate), null, 4);
                    made += message.size();
                    failed += message.get(0).bucket == FAIL ? message.size() : 0;
                    if (!inWindow(outage, second)) {
                        add(message);
                    }
                }
                if (plan.campaignRows() > 0) {
                    Tenant target = tenants.get(0);
                    Campaign campaign = rows.campaign(target);
                    Instant start = plan.day().atStartOfDay(ZoneOffset.UTC).toInstant()
                            .plusSeconds(60L * (campaignMinutes[plan.spikeIndex() % 3] + planRandom.nextInt(10)));
                    int campaignMade = 0;
                    while (campaignMade < plan.campaignRows()) {
                        Instant second = start.plusSeconds(planRandom.nextInt(150));
                        List<Email> message = rows.message(second, target, FAIL, campaign, 3);
                        campaignMade += message.size();
                        for (Email e : message) {
                            e.big = plan.spikeIndex() == bigSpike;
                        }
                        add(message);
                    }
                }
            }
            emails.sort(Comparator.comparing((Email e) -> e.ts).thenComparingLong(e -> e.seq));
        }

        private void add(List<Email> message) {
            for (Email e : message) {
                e.seq = seq++;
                emails.add(e);
            }
        }

        /** Chooses each row's shape and file, its export time and whether it has _TimeReceivedBySvc. */
        void place() {
            Instant start = settings.start().atStartOfDay(ZoneOffset.UTC).toInstant();
            storageEnd = start.plus(Duration.ofHours(5 * 24 + 12));
            advancedHuntingStart = settings.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(5));
            SplittableRandom r = placeRandom;
            for (Email e : emails) {
                double x = r.nextDouble();
                if (e.big) {
                    e.shape = Shape.EVENT_HUBS;
                } else if (e.ts.isBefore(storageEnd)) {
                    e.shape = x < 0.86 ? Shape.STORAGE : x < 0.96 ? Shape.EVENT_HUBS : Shape.ADVANCED_HUNTING;
                } else if (!e.ts.isBefore(advancedHuntingStart)) {
                    e.shape = x < 0.80 ? Shape.ADVANCED_HUNTING : Shape.EVENT_HUBS;
                } else {
                    e.shape = x < 0.93 ? Shape.EVENT_HUBS : Shape.ADVANCED_HUNTING;
                }
                e.partition = e.big ? BIG_ENVELOPE_PARTITION : r.nextInt(PARTITIONS);
                Duration delay = e.big ? ticks(r, 90, 120) : ticks(r, 60, 540);
                e.time = e.ts.plus(delay);
                e.received = r.nextDouble() < 0.75 ? e.ts.plus(delay.multipliedBy(r.nextInt(3, 9)).dividedBy(10)) : null;
                e.categoryless = e.shape == Shape.STORAGE && r.nextDouble() < 0.02;
            }
        }

        /** The row with the 200 KB Subject and the rows whose Subject quotes "DKIM":"fail". */
        void markSpecialRows() {
            SplittableRandom r = placeRandom;
            for (Email e : emails) {
                LocalDate day = LocalDate.ofInstant(e.ts, ZoneOffset.UTC);
                int hour = e.ts.atZone(ZoneOffset.UTC).getHour();
                if (e.shape == Shape.EVENT_HUBS && !e.big && !e.campaign && e.identified()
                        && day.isAfter(settings.start().plusDays(5)) && hour >= 10 && hour < 16
                        && day.getDayOfWeek().getValue() <= 5) {
                    e.props.put("Subject", hugeSubject(r));
                    e.noResend = true;
                    break;
                }
            }
            for (int k = 1; k <= TRAP_SUBJECTS.length; k++) {
                for (int i = emails.size() * k / (TRAP_SUBJECTS.length + 1); i < emails.size(); i++) {
                    Email e = emails.get(i);
                    if (e.bucket == PASS && !e.noResend && !e.campaign) {
                        e.props.put("Subject", fill(r, TRAP_SUBJECTS[k - 1]));
                        break;
                    }
                }
            }
        }

        private String hugeSubject(SplittableRandom r) {
            StringBuilder subject = new StringBuilder("FW: FW: FW: ");
            String[] words = {"limited", "offer", "winner", "claim", "your", "reward", "today", "free", "upgrade",
                "exclusive", "access", "confirm", "account", "bonus", "now", "urgent"};
            while (subject.length() < HUGE_SUBJECT_CHARS) {
                subject.append(pick(r, words)).append(' ');
            }
            subject.setLength(HUGE_SUBJECT_CHARS);
            return subject.toString();
        }

        /** About 3.5 % of identified rows are re-sent: in the same file, in another, or with a new DeliveryLocation. */
        void createResends() {
            SplittableRandom r = placeRandom;
            String[] moves = {"Junk folder", "Quarantine", "Deleted items"};
            for (Email e : emails) {
                if (!e.identified() || e.noResend || r.nextDouble() >= 0.035) {
                    continue;
                }
                Resend x = new Resend();
                x.seq = seq++;
                x.original = e;
                x.time = e.time.plus(ticks(r, 300, 5400));
                x.received = e.received == null ? null : x.time.minus(ticks(r, 20, 60));
                double kind = r.nextDouble();
                if (kind < 0.12 && "Inbox/folder".equals(e.deliveryLocation)) {
                    x.kind = "delivery-location";
                    x.props = e.props.deepCopy();
                    x.props.put("DeliveryLocation", pick(r, moves));
                    x.shape = Shape.EVENT_HUBS;
                    x.partition = r.nextInt(PARTITIONS);
                } else if (kind < 0.62) {
                    x.kind = "same-file";
                    x.props = e.props;
                    x.shape = e.shape;
                    x.partition = e.partition;
                } else {
                    x.kind = "other-file";
                    x.props = e.props;
                    while (true) {
                        int choice = r.nextInt(PARTITIONS + 2);
                        Shape shape = choice < PARTITIONS ? Shape.EVENT_HUBS
                                : choice == PARTITIONS ? Shape.STORAGE : Shape.ADVANCED_HUNTING;
                        boolean sameFile = shape == e.shape
                                && (shape != Shape.EVENT_HUBS || choice == e.partition);
                        if (!sameFile) {
                            x.shape = shape;
                            x.partition = choice < PARTITIONS ? choice : 0;
                            break;
                        }
                    }
                }
                resends.add(x);
            }
        }

        /** EmailUrlInfo and EmailAttachmentInfo beside the emails, and bursts of DeviceEvents. */
        void createOtherTables() {
            SplittableRandom r = otherRandom;
            for (Email e : emails) {
                if (e.big) {
                    continue;
                }
                int partition = e.shape == Shape.EVENT_HUBS ? e.partition : r.nextInt(PARTITIONS);
                if (!e.urls.isEmpty() && r.nextDouble() < 0.25) {
                    for (int u = 0; u < Math.min(2, e.urls.size()); u++) {
                        addOther(new Item(seq++, e.time.plus(ticks(r, 0, 30)), null, e.tenant, EMAIL_URL_INFO,
                                otherRows.urlInfo(e, e.urls.get(u))), partition);
                    }
                }
                if (!e.attachments.isEmpty() && r.nextDouble() < 0.7) {
                    for (String[] attachment : e.attachments) {
                        addOther(new Item(seq++, e.time.plus(ticks(r, 0, 30)), null, e.tenant, EMAIL_ATTACHMENT_INFO,
                                otherRows.attachmentInfo(e, attachment)), partition);
                    }
                }
            }
            for (int d = 0; d < settings.days(); d++) {
                LocalDate day = settings.start().plusDays(d);
                for (Tenant tenant : tenants) {
                    int bursts = tenant == tenants.get(0) ? 1 + r.nextInt(2) : r.nextInt(2);
                    for (int b = 0; b < bursts; b++) {
                        Instant burst = randomSecond(r, day);
                        int size = 3 + r.nextInt(25);
                        int partition = r.nextInt(PARTITIONS);
                        for (int i = 0; i < size; i++) {
                            Instant ts = burst.plus(ticks(r, 0, 90));
                            if (inWindow(outage, ts)) {
                                continue;
                            }
                            addOther(new Item(seq++, ts.plus(ticks(r, 60, 300)), null, tenant, DEVICE_EVENTS,
                                    otherRows.deviceEvent(tenant, ts)), partition);
                        }
                    }
                }
            }
        }

        private void addOther(Item item, int partition) {
            otherItems.add(item);
            otherPartitions.add(partition);
            truth.addOtherTableRecords(1);
        }

        /** The campaign's rows of the chosen spike day with their URL records, filled with DeviceEvents to 5,000. */
        void createBigEnvelope() {
            SplittableRandom r = otherRandom;
            List<Email> campaign = emails.stream().filter(e -> e.big).toList();
            if (campaign.isEmpty()) {
                return;
            }
            Instant first = campaign.stream().map(e -> e.time).min(Comparator.naturalOrder()).orElseThrow();
            for (Email e : campaign) {
                bigEnvelope.add(emailItem(e));
            }
            for (Email e : campaign) {
                if (bigEnvelope.size() < BIG_ENVELOPE_RECORDS) {
                    bigEnvelope.add(new Item(seq++, e.time.plus(ticks(r, 0, 20)), null, e.tenant, EMAIL_URL_INFO,
                            otherRows.urlInfo(e, e.urls.get(0))));
                    truth.addOtherTableRecords(1);
                }
            }
            Tenant tenant = campaign.get(0).tenant;
            while (bigEnvelope.size() < BIG_ENVELOPE_RECORDS) {
                Instant time = first.plus(ticks(r, 0, 170));
                Instant ts = time.minus(ticks(r, 60, 180));
                bigEnvelope.add(new Item(seq++, time, r.nextDouble() < 0.5 ? time.minus(ticks(r, 5, 40)) : null, tenant,
                        DEVICE_EVENTS, otherRows.deviceEvent(tenant, ts)));
                truth.addOtherTableRecords(1);
            }
            bigEnvelope.sort(BY_TIME);
        }

        Item emailItem(Email e) {
            return new Item(e.seq, e.time, e.received, e.tenant, e.categoryless ? null : EMAIL_EVENTS, e.props);
        }

        Item resendItem(Resend x) {
            return new Item(x.seq, x.time, x.received, x.original.tenant, EMAIL_EVENTS, x.props);
        }

        void writeEventHubs() throws IOException {
            SplittableRandom r = envelopeRandom;
            for (int p = 0; p < PARTITIONS; p++) {
                List<Item> items = new ArrayList<>();
                for (Email e : emails) {
                    if (e.shape == Shape.EVENT_HUBS && e.partition == p && !e.big) items.add(emailItem(e));
                }
                for (Resend x : resends) {
                    if (x.shape == Shape.EVENT_HUBS && x.partition == p) items.add(resendItem(x));
                }
                for (int i = 0; i < otherItems.size(); i++) {
                    if (otherPartitions.get(i) == p) items.add(otherItems.get(i));
                }
                items.sort(BY_TIME);
                List<List<Item>> envelopes = envelopes(items, r);
                if (p == BIG_ENVELOPE_PARTITION && !bigEnvelope.isEmpty()) {
                    envelopes.add(bigEnvelope);
                    envelopes.sort(Comparator.comparing((List<Item> e) -> e.get(0).time())
                            .thenComparingLong(e -> e.get(0).seq()));
                }
                List<String> lines = new ArrayList<>();
                int badEnvelope = -1;
                if (p == 0 || p == 2) {
                    for (int i = envelopes.size() * (p == 0 ? 2 : 3) / 5; i < envelopes.size(); i++) {
                        int n = envelopes.get(i).size();
                        if (n >= 3 && n < 50) {
                            badEnvelope = i;
                            break;
                        }
                    }
                }
                for (int i = 0; i < envelopes.size(); i++) {
                    List<Item> envelope = envelopes.get(i);
                    if (i == badEnvelope) {
                        envelope = new ArrayList<>(envelope);
                        Item neighbour = envelope.get(1);
                        ObjectNode props = deadEmail(neighbour.tenant(), neighbour.time().minusSeconds(200));
                        props.remove("Timestamp");
                        envelope.add(2, new Item(seq++, neighbour.time().plusMillis(1), null, neighbour.tenant(),
                                EMAIL_EVENTS, props));
                        dead(DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP, partitionFile(p));
                    }
                    lines.add(envelopeJson(envelope));
                }
                insertEventHubsDeadLetters(p, lines, envelopes);
                writeLines(out.resolve(partitionFile(p)), lines, "\n", false);
            }
        }

        static String partitionFile(int partition) {
            return "events/eventhubs/partition-" + partition + ".ndjson";
        }

        private void insertEventHubsDeadLetters(int partition, List<String> lines, List<List<Item>> envelopes) {
            int at = lines.size() / 2;
            Item near = envelopes.isEmpty() ? null : envelopes.get(Math.min(at, envelopes.size() - 1)).get(0);
            Tenant tenant = near == null ? tenants.get(0) : near.tenant();
            Instant time = near == null ? settings.start().atStartOfDay(ZoneOffset.UTC).toInstant() : near.time();
            switch (partition) {
                case 0 -> {
                    // a JSON array of two bare records
                    ArrayNode array = NODES.arrayNode();
                    for (int i = 0; i < 2; i++) {
                        array.add(record(new Item(0, time.plusSeconds(i), null, tenant, EMAIL_EVENTS,
                                deadEmail(tenant, time.minusSeconds(240)))));
                    }
                    lines.add(at, json(array));
                    dead(DeadLetter.JSON_ARRAY, partitionFile(partition));
                }
                case 1 -> {
                    lines.add(at, "{\"foo\":1}");
                    dead(DeadLetter.UNKNOWN_SHAPE, partitionFile(partition));
                }
                case 2 -> {
                    // an envelope of three records, cut off
                    List<Item> envelope = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        envelope.add(new Item(0, time.plusSeconds(i), null, tenant, EMAIL_EVENTS,
                                deadEmail(tenant, time.minusSeconds(300))));
                    }
                    String text = envelopeJson(envelope);
                    lines.add(at, cut(text, text.length() * 3 / 5));
                    dead(DeadLetter.TRUNCATED_JSON, partitionFile(partition));
                }
                default -> {
                    lines.add(at, "HTTP/1.1 503 Service Unavailable: the event hub did not answer in time");
                    dead(DeadLetter.NOT_JSON, partitionFile(partition));
                }
            }
        }

        /** A fresh EmailEvents row (not counted anywhere) for a dead letter. */
        private ObjectNode deadEmail(Tenant tenant, Instant near) {
            Instant second = near.truncatedTo(ChronoUnit.SECONDS);
            ObjectNode props = deadRows.message(second, tenant, deadRows.pickBucket(0.1), null, 1).get(0).props;
            props.put("Timestamp", SECONDS_Z.format(second));
            return props;
        }

        private static String cut(String text, int at) {
            int end = at;
            if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            return text.substring(0, end);
        }

        static String storagePath(Tenant tenant, Instant ts) {
            var t = ts.atZone(ZoneOffset.UTC);
            return String.format("events/storage/tenantId=%s/y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json", tenant.id,
                    t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
        }

        void writeStorage() throws IOException {
            TreeMap<String, List<Item>> files = new TreeMap<>();
            for (Email e : emails) {
                if (e.shape == Shape.STORAGE) {
                    files.computeIfAbsent(storagePath(e.tenant, e.ts), k -> new ArrayList<>()).add(emailItem(e));
                }
            }
            for (Resend x : resends) {
                if (x.shape == Shape.STORAGE) {
                    files.computeIfAbsent(storagePath(x.original.tenant, x.original.ts), k -> new ArrayList<>())
                            .add(resendItem(x));
                }
            }
            if (files.isEmpty()) {
                return;
            }
            files.values().forEach(list -> list.sort(BY_TIME));
            String mainTenant = "tenantId=" + tenants.get(0).id + "/";
            String gzipPath = busiest(files, mainTenant, settings.start().plusDays(1), null);
            String splitPath = busiest(files, mainTenant, settings.start().plusDays(2), gzipPath);

            // dead letters, in ordinary files of the main tenant
            List<String> ordinary = files.keySet().stream()
                    .filter(k -> k.contains(mainTenant) && !k.equals(gzipPath) && !k.equals(splitPath)).toList();
            if (ordinary.isEmpty()) {
                ordinary = new ArrayList<>(files.keySet());
            }
            Map<String, List<String>> deadLines = new LinkedHashMap<>();
            DeadLetter[] kinds = {DeadLetter.TRUNCATED_JSON, DeadLetter.RECORD_WITHOUT_TIMESTAMP,
                DeadLetter.RECORD_WITHOUT_TIMESTAMP, DeadLetter.UNPARSEABLE_TIMESTAMP, DeadLetter.UNPARSEABLE_TIMESTAMP};
            for (int k = 0; k < kinds.length; k++) {
                String path = ordinary.get(ordinary.size() * (k + 1) / (kinds.length + 2));
                Item near = files.get(path).get(0);
                ObjectNode props = deadEmail(near.tenant(), near.time().minusSeconds(240));
                String line;
                switch (k) {
                    case 0 -> {
                        String text = json(record(new Item(0, near.time().plusSeconds(7), null, near.tenant(),
                                EMAIL_EVENTS, props)));
                        line = cut(text, text.length() * 9 / 20);
                    }
                    case 1, 2 -> {
                        if (k == 1) {
                            props.remove("Timestamp");
                        } else {
                            props.putNull("Timestamp");
                        }
                        line = json(record(new Item(0, near.time().plusSeconds(7), null, near.tenant(), EMAIL_EVENTS,
                                props)));
                    }
                    default -> {
                        props.put("Timestamp", k == 3 ? "yesterday" : "2026-13-45T25:61:00Z");
                        line = json(record(new Item(0, near.time().plusSeconds(7), null, near.tenant(), EMAIL_EVENTS,
                                props)));
                    }
                }
                deadLines.computeIfAbsent(path, p -> new ArrayList<>()).add(line);
                dead(kinds[k], path);
            }

            for (Map.Entry<String, List<Item>> file : files.entrySet()) {
                List<String> lines = new ArrayList<>();
                for (Item item : file.getValue()) {
                    lines.add(json(record(item)));
                }
                List<String> dead = deadLines.getOrDefault(file.getKey(), List.of());
                for (int i = 0; i < dead.size(); i++) {
                    lines.add(Math.min(lines.size(), 1 + i), dead.get(i));
                }
                String path = file.getKey();
                if (path.equals(gzipPath)) {
                    writeLines(out.resolve(path + ".gz"), lines, "\r\n", true);
                } else if (path.equals(splitPath)) {
                    int half = (lines.size() + 1) / 2;
                    writeLines(out.resolve(path), lines.subList(0, half), "\r\n", false);
                    writeLines(out.resolve(path.replace("PT1H.json", "PT1H_1.json")), lines.subList(half, lines.size()),
                            "\r\n", false);
                } else {
                    writeLines(out.resolve(path), lines, "\r\n", false);
                }
            }
        }

        private static String busiest(TreeMap<String, List<Item>> files, String tenantPart, LocalDate day,
                String except) {
            String dayPart = String.format("/y=%04d/m=%02d/d=%02d/", day.getYear(), day.getMonthValue(),
                    day.getDayOfMonth());
            String best = null;
            for (Map.Entry<String, List<Item>> file : files.entrySet()) {
                String key = file.getKey();
                if (key.contains(tenantPart) && key.contains(dayPart) && !key.equals(except)
                        && (best == null || file.getValue().size() > files.get(best).size())) {
                    best = key;
                }
            }
            if (best == null) {
                for (String key : files.keySet()) {
                    if (!key.equals(except)) {
                        return key;
                    }
                }
            }
            return best;
        }

        void writeAdvancedHunting() throws IOException {
            record Row(Instant ts, long seq, JsonNode props) {}
            List<Row> rowsOut = new ArrayList<>();
            for (Email e : emails) {
                if (e.shape == Shape.ADVANCED_HUNTING) rowsOut.add(new Row(e.ts, e.seq, e.props));
            }
            for (Resend x : resends) {
                if (x.shape == Shape.ADVANCED_HUNTING) rowsOut.add(new Row(x.original.ts, x.seq, x.props));
            }
            rowsOut.sort(Comparator.comparing(Row::ts).thenComparingLong(Row::seq));
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (Row row : rowsOut) {
                (row.ts().isBefore(advancedHuntingStart) ? first : second).add(json(row.props()));
            }
            Tenant tenant = tenants.get(0);
            Instant near = advancedHuntingStart.minus(Duration.ofDays(3));
            ArrayNode array = NODES.arrayNode();
            array.add(deadEmail(tenant, near));
            String firstFile = "events/advanced-hunting/emailevents-query-1.ndjson";
            String secondFile = "events/advanced-hunting/emailevents-query-2.ndjson";
            first.add(first.size() / 2, json(array));
            dead(DeadLetter.JSON_ARRAY, firstFile);
            first.add(first.size() * 3 / 4, "{\"foo\":1,\"bar\":\"baz\"}");
            dead(DeadLetter.UNKNOWN_SHAPE, firstFile);
            second.add(0, "Timestamp,NetworkMessageId,SenderFromAddress,RecipientEmailAddress,Subject,"
                    + "AuthenticationDetails");
            dead(DeadLetter.NOT_JSON, secondFile);
            writeLines(out.resolve(firstFile), first, "\n", false);
            writeLines(out.resolve(secondFile), second, "\n", false);
        }
    }

    // --------------------------------------------------------------------------- records mode

    /** One big NDJSON file of Event Hubs envelopes, streamed in export-time order with bounded memory. */
    static final class RecordsFile {
        final Path out;
        final SampleSettings settings;
        final SplittableRandom planRandom;
        final SplittableRandom placeRandom;
        final SplittableRandom envelopeRandom;
        final List<Tenant> tenants;
        final RowFactory rows;
        final Instant[] outage;
        final GroundTruth truth = new GroundTruth();
        final PriorityQueue<Pending> pending =
                new PriorityQueue<>(Comparator.comparing((Pending p) -> p.item.time()).thenComparingLong(p -> p.item.seq()));
        final Map<Tenant, List<Pending>> open = new LinkedHashMap<>();
        final Map<Tenant, Integer> openTarget = new LinkedHashMap<>();
        Writer writer;
        long seq;

        /** An item waiting for its export time; {@code email} set for EmailEvents rows. */
        record Pending(Item item, Email email, boolean duplicate) {}

        RecordsFile(Path out, SampleSettings settings) {
            this.out = out;
            this.settings = settings;
            SplittableRandom root = new SplittableRandom(settings.seed());
            SplittableRandom tenantRandom = root.split();
            planRandom = root.split();
            SplittableRandom rowRandom = root.split();
            placeRandom = root.split();
            envelopeRandom = root.split();
            tenants = tenants(tenantRandom);
            rows = new RowFactory(rowRandom, tenants);
            outage = outageWindow(settings);
        }

        static String fileName(long records) {
            return "events/eventhubs/records-" + records + ".ndjson";
        }

        GroundTruth run() throws IOException {
            if (Files.exists(out.resolve(Bundle.partitionFile(0)))) {
                throw new IllegalArgumentException(out + " holds a sample bundle; write the benchmark input elsewhere");
            }
            Path file = out.resolve(fileName(settings.records()));
            Files.createDirectories(file.getParent());
            deleteTree(out.resolve("expected"));
            List<DayPlan> plans = dayPlans(settings, planRandom);
            double total = plans.stream().mapToDouble(p -> p.rows() + p.campaignRows()).sum();
            try (Writer w = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
                writer = w;
                double cumulative = 0;
                long emitted = 0;
                for (DayPlan plan : plans) {
                    cumulative += plan.rows() + plan.campaignRows();
                    long upTo = Math.round(settings.records() * cumulative / total);
                    int count = (int) (upTo - emitted);
                    emitted = upTo;
                    double failRate = plan.spikeIndex() >= 0 ? 0.35 : plan.failRate();
                    generateDay(plan.day(), count, failRate);
                }
                flush(Instant.MAX);
                for (Tenant tenant : tenants) {
                    closeEnvelope(tenant);
                }
            }
            writeExpected(out, settings, truth, null);
            return truth;
        }

        private void generateDay(LocalDate day, int count, double failRate) throws IOException {
            int[] seconds = new int[count];
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int i = 0; i < count; i++) {
                seconds[i] = (int) Duration.between(midnight, randomSecond(planRandom, day)).getSeconds();
            }
            Arrays.sort(seconds);
            SplittableRandom r = placeRandom;
            int i = 0;
            while (i < count) {
                Instant second = midnight.plusSeconds(seconds[i]);
                List<Email> message = rows.message(second, rows.pickTenant(), rows.pickBucket(failRate), null,
                        Math.min(4, count - i));
                i += message.size();
                if (inWindow(outage, second)) {
                    continue;
                }
                flush(second.plusSeconds(60));
                for (Email e : message) {
                    e.seq = seq++;
                    Duration delay = ticks(r, 60, 540);
                    e.time = e.ts.plus(delay);
                    e.received = r.nextDouble() < 0.75 ? e.ts.plus(delay.dividedBy(2)) : null;
                    pending.add(new Pending(new Item(e.seq, e.time, e.received, e.tenant, EMAIL_EVENTS, e.props), e,
                            false));
                    if (e.identified() && r.nextDouble() < 0.035) {
                        ObjectNode props = e.props;
                        if (r.nextDouble() < 0.1 && "Inbox/folder".equals(e.deliveryLocation)) {
                            props = e.props.deepCopy();
                            props.put("DeliveryLocation", "Junk folder");
                        }
                        Instant time = e.time.plus(ticks(r, 300, 5400));
                        pending.add(new Pending(new Item(seq++, time, null, e.tenant, EMAIL_EVENTS, props), e, true));
                    }
                    if (!e.urls.isEmpty() && r.nextDouble() < 0.1) {
                        pending.add(new Pending(new Item(seq++, e.time.plus(ticks(r, 0, 30)), null, e.tenant,
                                EMAIL_URL_INFO, rows.urlInfo(e, e.urls.get(0))), null, false));
                    }
                }
            }
        }

        /** Moves every item whose export time lies before {@code limit} into its tenant's open envelope. */
        private void flush(Instant limit) throws IOException {
            while (!pending.isEmpty() && pending.peek().item.time().isBefore(limit)) {
                Pending p = pending.poll();
                Tenant tenant = p.item.tenant();
                List<Pending> envelope = open.computeIfAbsent(tenant, t -> new ArrayList<>());
                if (!envelope.isEmpty() && (envelope.size() >= openTarget.get(tenant)
                        || Duration.between(envelope.get(0).item.time(), p.item.time()).getSeconds() >= 180)) {
                    closeEnvelope(tenant);
                }
                if (envelope.isEmpty()) {
                    openTarget.put(tenant, 1 + envelopeRandom.nextInt(50));
                }
                envelope.add(p);
                if (p.email != null) {
                    Email e = p.email;
                    truth.add(e.ts, e.bucket, e.nmid, e.recipient, p.duplicate);
                } else {
                    truth.addOtherTableRecords(1);
                }
            }
        }

        private void closeEnvelope(Tenant tenant) throws IOException {
            List<Pending> envelope = open.get(tenant);
            if (envelope == null || envelope.isEmpty()) {
                return;
            }
            List<Item> items = new ArrayList<>(envelope.size());
            for (Pending p : envelope) {
                items.add(p.item);
            }
            writer.write(envelopeJson(items));
            writer.write('\n');
            envelope.clear();
        }
    }

    // ------------------------------------------------------------------------------- expected

    static final String[][] EXPECTED_FILES = {
        {"daily-utc-dedup.csv", "UTC", "true"}, {"daily-utc-raw.csv", "UTC", "false"},
        {"daily-europe-berlin-dedup.csv", "Europe/Berlin", "true"},
        {"daily-europe-berlin-raw.csv", "Europe/Berlin", "false"}};

    static ZoneId zone(String name) {
        return name.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(name);
    }

    /** The four CSV files and README.md; {@code deadPlaces} null in records mode. */
    static void writeExpected(Path out, SampleSettings settings, GroundTruth truth, List<String> deadPlaces)
            throws IOException {
        boolean recordsMode = deadPlaces == null;
        Path expected = out.resolve("expected");
        Files.createDirectories(expected);
        for (String[] file : EXPECTED_FILES) {
            truth.writeCsv(expected.resolve(file[0]), zone(file[1]), Boolean.parseBoolean(file[2]));
        }
        writeLines(expected.resolve("README.md"), readme(settings, truth, deadPlaces), "\n", false);
    }

    static String command(SampleSettings settings, boolean recordsMode) {
        return GENERATE_COMMAND_PREFIX + String.join(" ", settings.toArgs(recordsMode ? "DIR" : "sample-events"));
    }

    static List<String> readme(SampleSettings settings, GroundTruth truth, List<String> deadPlaces) {
        boolean recordsMode = deadPlaces == null;
        List<String> lines = new ArrayList<>();
        lines.add("# Expected daily DKIM series of " + (recordsMode ? "a benchmark input" : "the sample events"));
        lines.add("");
        lines.add("Written by `io.dkimtrend.sample.SampleGenerator` together with the input it describes; do not edit "
                + "by hand.");
        if (!recordsMode) {
            lines.add("`SampleGeneratorTest` regenerates the bundle and requires it to equal the committed one byte "
                    + "for byte (gzip files compared by content).");
        }
        lines.add("Run from the project folder:");
        lines.add("");
        lines.add("    " + command(settings, recordsMode));
        lines.add("");
        lines.add("Settings: start " + settings.start() + ", " + settings.days() + " days, seed " + settings.seed()
                + ", about " + settings.weekdayEmails() + " emails a weekday"
                + (recordsMode ? ", about " + settings.records() + " EmailEvents rows" : "") + ". Connector outage: "
                + settings.outageDay().map(Object::toString).orElse("none") + "; DKIM-failure spikes: "
                + settings.spikeDays() + ".");
        lines.add("");
        lines.add("## Files");
        lines.add("");
        lines.add("| file | what |");
        lines.add("| --- | --- |");
        lines.add("| `daily-utc-dedup.csv` | per UTC calendar day, each email (NetworkMessageId + RecipientEmailAddress) "
                + "counted once |");
        lines.add("| `daily-utc-raw.csv` | per UTC calendar day, every EmailEvents row counted, re-deliveries "
                + "included |");
        lines.add("| `daily-europe-berlin-dedup.csv` | as `daily-utc-dedup.csv`, per Europe/Berlin calendar day "
                + "(CEST, UTC+2, until 2026-10-25 01:00 UTC; CET, UTC+1, after) |");
        lines.add("| `daily-europe-berlin-raw.csv` | as `daily-utc-raw.csv`, per Europe/Berlin calendar day |");
        lines.add("");
        lines.add("Columns: `" + GroundTruth.CSV_HEADER + "`. `emails` counts EmailEvents rows; `dkimFail` those "
                + "whose DKIM verdict is fail; `emails` = `dkimFail` + `dkimPass` + `dkimNone` + `dkimOther`. Every day "
                + "from the first to the last with an email has a line; a day without email has zeros.");
        lines.add("");
        lines.add("## How rows are counted");
        lines.add("");
        lines.add("- The day is the calendar day of the row's `Timestamp` in the zone of the file. `Timestamp` comes "
                + "as `2026-10-03T14:08:56Z`, with 7 fractional digits, with an offset (`+02:00`, `-05:00`) or "
                + "without zone, which means UTC.");
        lines.add("- DKIM bucket, from `AuthenticationDetails` (a JSON-encoded string, or a JSON object): `fail` iff "
                + "its key `DKIM` equals \"fail\" ignoring case; `pass` iff \"pass\" ignoring case; `none` if it is "
                + "\"none\", or the column is null, empty, not JSON or has no `DKIM` key; `other` for any other value "
                + "(temperror, permerror, ...). Text in other columns (a Subject quoting `\"DKIM\":\"fail\"`) does not "
                + "count.");
        lines.add("- Identity: NetworkMessageId + \"|\" + RecipientEmailAddress, lower-cased. The dedup files count "
                + "the first row of each identity; a row missing either column has no identity and always counts. "
                + "Re-deliveries keep Timestamp and AuthenticationDetails, so which copy is first does not matter.");
        lines.add("- Only records of category `AdvancedHunting-EmailEvents` count, and records without category "
                + "(bare records and flat Advanced Hunting rows); other tables are skipped.");
        lines.add("");
        lines.add("## Input");
        lines.add("");
        if (recordsMode) {
            lines.add("- `" + RecordsFile.fileName(settings.records()) + "`: Event Hubs envelopes "
                    + "`{\"records\":[...]}`, 1-50 records each, one per line; no dead letters.");
        } else {
            lines.add("- `events/eventhubs/partition-N.ndjson`: Event Hubs envelopes `{\"records\":[...]}`, one per "
                    + "line, 1-50 records of one tenant within three minutes, EmailEvents mixed with EmailUrlInfo, "
                    + "EmailAttachmentInfo and DeviceEvents; one envelope of " + BIG_ENVELOPE_RECORDS + " records (a "
                    + "spoofing campaign's EmailEvents with DeviceEvents of the same minutes) and one row with a "
                    + HUGE_SUBJECT_CHARS / 1024 + " KB Subject, both ordinary input.");
            lines.add("- `events/storage/tenantId=<tid>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`: storage-account "
                    + "exports, one bare record per line, CRLF line ends, hour folders by Timestamp (UTC); one hour "
                    + "gzip-compressed (`PT1H.json.gz`), one continued in `PT1H_1.json`; some records lack "
                    + "`category`.");
            lines.add("- `events/advanced-hunting/emailevents-query-N.ndjson`: flat EmailEvents rows, columns at top "
                    + "level.");
        }
        lines.add("");
        lines.add("## Counts");
        lines.add("");
        lines.add("| what | count |");
        lines.add("| --- | --- |");
        lines.add("| EmailEvents rows (raw) | " + truth.size() + " |");
        lines.add("| re-deliveries (raw minus dedup) | " + truth.duplicates() + " |");
        lines.add("| rows without identity | " + truth.withoutIdentity() + " |");
        lines.add("| records of other tables (skipped) | " + truth.otherTableRecords() + " |");
        lines.add("| dead letters | " + truth.deadLetterTotal() + " |");
        for (Map.Entry<DeadLetter, Integer> kind : truth.deadLetters().entrySet()) {
            if (kind.getValue() > 0) {
                lines.add("| - " + kind.getKey() + ": " + kind.getKey().description().replace("|", "\\|") + " | "
                        + kind.getValue() + " |");
            }
        }
        if (deadPlaces != null && !deadPlaces.isEmpty()) {
            lines.add("");
            lines.add("Dead letters by file (a correct job counts none of them and keeps every other line of the "
                    + "same file):");
            lines.add("");
            for (String place : deadPlaces) {
                lines.add("- " + place);
            }
        }
        return lines;
    }

    /** Lines of a file, without line ends, gunzipped for {@code .gz}; for tests. */
    static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        Iterator<String> it = text.lines().iterator();
        while (it.hasNext()) {
            lines.add(it.next());
        }
        return lines;
    }
}
