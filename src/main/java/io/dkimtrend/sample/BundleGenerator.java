package io.dkimtrend.sample;

import static io.dkimtrend.sample.GroundTruth.FAIL;
import static io.dkimtrend.sample.GroundTruth.PASS;
import static io.dkimtrend.sample.RandomDraws.fill;
import static io.dkimtrend.sample.RandomDraws.pick;
import static io.dkimtrend.sample.RandomDraws.randomSecond;
import static io.dkimtrend.sample.RandomDraws.ticks;
import static io.dkimtrend.sample.SampleGenerator.BIG_ENVELOPE_PARTITION;
import static io.dkimtrend.sample.SampleGenerator.HUGE_SUBJECT_CHARS;
import static io.dkimtrend.sample.SampleGenerator.PARTITIONS;
import static io.dkimtrend.sample.Vocabulary.TRAP_SUBJECTS;

import io.dkimtrend.sample.EmailRowFactory.Campaign;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the committed sample bundle: decides every email row, where it goes and what comes with it
 * (re-deliveries, other tables, bad lines), then hands the rows to the three writers and the truth
 * to {@link ExpectedFiles}. All rows exist in memory before any file is written, because a row's
 * re-delivery or URL record may land in a file written before or after the row's own.
 *
 * <p>Each concern draws from its own split of the seed's random, so that, say, another bad line
 * does not move every row after it.
 */
final class BundleGenerator {

    private static final int[] CAMPAIGN_MINUTES = {9 * 60 + 10, 23 * 60 + 35, 14 * 60 + 20};

    private final Path out;
    private final SampleSettings settings;
    private final SplittableRandom planRandom;
    private final SplittableRandom placeRandom;
    private final SplittableRandom otherRandom;
    private final SplittableRandom envelopeRandom;
    private final List<Tenant> tenants;
    private final EmailRowFactory rows;
    private final OutageWindow outage;
    private final GroundTruth truth = new GroundTruth();
    private final MalformedLines malformed;
    private final List<EmailRow> emails = new ArrayList<>();
    /** Rows before this instant are mostly in the storage export, the first five and a half days. */
    private final Instant storageEnd;
    /** Rows from this instant on are mostly in the second Advanced Hunting query, the last five days. */
    private final Instant advancedHuntingStart;
    private long nextSeq;

    BundleGenerator(Path out, SampleSettings settings) {
        this.out = out;
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom tenantRandom = root.split();
        planRandom = root.split();
        SplittableRandom rowRandom = root.split();
        placeRandom = root.split();
        otherRandom = root.split();
        envelopeRandom = root.split();
        SplittableRandom malformedRandom = root.split();
        tenants = Tenant.threeOrganisations(tenantRandom);
        rows = new EmailRowFactory(rowRandom, tenants);
        outage = OutageWindow.of(settings);
        Instant start = settings.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        malformed = new MalformedLines(new EmailRowFactory(malformedRandom, tenants), truth, tenants.get(0), start);
        storageEnd = start.plus(Duration.ofHours(5 * 24 + 12));
        advancedHuntingStart = settings.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant()
                .minus(Duration.ofDays(5));
    }

    GroundTruth run() throws IOException {
        TextOutput.deleteTree(out.resolve("events"));
        TextOutput.deleteTree(out.resolve("expected"));
        createEmails();
        place();
        markSpecialRows();
        List<Redelivery> redeliveries = Redelivery.of(emails, placeRandom, this::nextSeq);
        OtherTableRecords otherTables =
                OtherTableRecords.create(emails, tenants, settings, outage, otherRandom, this::nextSeq, truth);
        for (EmailRow e : emails) {
            truth.add(e.timestamp, e.dkimBucket, e.networkMessageId, e.recipient, false);
        }
        for (Redelivery x : redeliveries) {
            EmailRow e = x.original;
            truth.add(e.timestamp, e.dkimBucket, e.networkMessageId, e.recipient, true);
        }
        new EventHubsWriter(out, envelopeRandom, malformed).write(emails, redeliveries, otherTables);
        new StorageWriter(out, tenants.get(0), settings.start(), malformed).write(emails, redeliveries);
        new AdvancedHuntingWriter(out, advancedHuntingStart, malformed).write(emails, redeliveries);
        ExpectedFiles.write(out, settings, truth);
        return truth;
    }

    private long nextSeq() {
        return nextSeq++;
    }

    /** Each day's ordinary mail and, on spike days, the spoofing campaign against the main tenant. */
    private void createEmails() {
        int bigSpike = settings.spikeDays().size() >= 2 ? 1 : 0;
        for (DayPlan plan : DayPlan.forEachDay(settings, planRandom)) {
            int made = 0;
            int failed = 0;
            while (made < plan.rows()) {
                Instant second = randomSecond(planRandom, plan.day());
                // steer towards the day's rate, so that the spikes stand out of the noise
                double behind = plan.failRate() * made - failed;
                double failRate = Math.max(0.0, Math.min(0.8, plan.failRate() + 0.05 * behind));
                List<EmailRow> message = rows.message(second, rows.pickTenant(), rows.pickBucket(failRate), null, 4);
                made += message.size();
                failed += message.get(0).dkimBucket == FAIL ? message.size() : 0;
                if (!outage.contains(second)) {
                    add(message);
                }
            }
            if (plan.campaignRows() > 0) {
                Tenant target = tenants.get(0);
                Campaign campaign = rows.campaign(target);
                Instant start = plan.day().atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plusSeconds(60L * (CAMPAIGN_MINUTES[plan.spikeIndex() % 3] + planRandom.nextInt(10)));
                int campaignMade = 0;
                while (campaignMade < plan.campaignRows()) {
                    Instant second = start.plusSeconds(planRandom.nextInt(150));
                    List<EmailRow> message = rows.message(second, target, FAIL, campaign, 3);
                    campaignMade += message.size();
                    for (EmailRow e : message) {
                        e.inBigEnvelope = plan.spikeIndex() == bigSpike;
                    }
                    add(message);
                }
            }
        }
        emails.sort(Comparator.comparing((EmailRow e) -> e.timestamp).thenComparingLong(e -> e.seq));
    }

    private void add(List<EmailRow> message) {
        for (EmailRow e : message) {
            e.seq = nextSeq();
            emails.add(e);
        }
    }

    /** Chooses each row's shape and file, its export time and whether it has _TimeReceivedBySvc. */
    private void place() {
        SplittableRandom r = placeRandom;
        for (EmailRow e : emails) {
            double x = r.nextDouble();
            if (e.inBigEnvelope) {
                e.shape = OutputShape.EVENT_HUBS;
            } else if (e.timestamp.isBefore(storageEnd)) {
                e.shape = x < 0.86 ? OutputShape.STORAGE : x < 0.96 ? OutputShape.EVENT_HUBS
                        : OutputShape.ADVANCED_HUNTING;
            } else if (!e.timestamp.isBefore(advancedHuntingStart)) {
                e.shape = x < 0.80 ? OutputShape.ADVANCED_HUNTING : OutputShape.EVENT_HUBS;
            } else {
                e.shape = x < 0.93 ? OutputShape.EVENT_HUBS : OutputShape.ADVANCED_HUNTING;
            }
            e.partition = e.inBigEnvelope ? BIG_ENVELOPE_PARTITION : r.nextInt(PARTITIONS);
            Duration delay = e.inBigEnvelope ? ticks(r, 90, 120) : ticks(r, 60, 540);
            e.exportTime = e.timestamp.plus(delay);
            e.receivedTime = r.nextDouble() < 0.75
                    ? e.timestamp.plus(delay.multipliedBy(r.nextInt(3, 9)).dividedBy(10)) : null;
            e.withoutCategory = e.shape == OutputShape.STORAGE && r.nextDouble() < 0.02;
        }
    }

    /**
     * The row with the 200 KB Subject (an ordinary weekday row of the stream) and the passing rows whose
     * Subject quotes "DKIM":"fail", which a job matching the raw text would count as failures.
     */
    private void markSpecialRows() {
        SplittableRandom r = placeRandom;
        for (EmailRow e : emails) {
            LocalDate day = LocalDate.ofInstant(e.timestamp, ZoneOffset.UTC);
            int hour = e.timestamp.atZone(ZoneOffset.UTC).getHour();
            if (e.shape == OutputShape.EVENT_HUBS && !e.inBigEnvelope && !e.campaign && e.identified()
                    && day.isAfter(settings.start().plusDays(5)) && hour >= 10 && hour < 16
                    && day.getDayOfWeek().getValue() <= 5) {
                e.properties.put("Subject", hugeSubject(r));
                e.neverResent = true;
                break;
            }
        }
        for (int k = 1; k <= TRAP_SUBJECTS.length; k++) {
            for (int i = emails.size() * k / (TRAP_SUBJECTS.length + 1); i < emails.size(); i++) {
                EmailRow e = emails.get(i);
                if (e.dkimBucket == PASS && !e.neverResent && !e.campaign) {
                    e.properties.put("Subject", fill(r, TRAP_SUBJECTS[k - 1]));
                    break;
                }
            }
        }
    }

    private static String hugeSubject(SplittableRandom r) {
        StringBuilder subject = new StringBuilder("FW: FW: FW: ");
        String[] words = {"limited", "offer", "winner", "claim", "your", "reward", "today", "free", "upgrade",
            "exclusive", "access", "confirm", "account", "bonus", "now", "urgent"};
        while (subject.length() < HUGE_SUBJECT_CHARS) {
            subject.append(pick(r, words)).append(' ');
        }
        subject.setLength(HUGE_SUBJECT_CHARS);
        return subject.toString();
    }
}
