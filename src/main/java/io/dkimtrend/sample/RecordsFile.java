package io.dkimtrend.sample;

import static io.dkimtrend.sample.RandomDraws.randomSecond;
import static io.dkimtrend.sample.RandomDraws.ticks;
import static io.dkimtrend.sample.SampleGenerator.EMAIL_EVENTS;
import static io.dkimtrend.sample.SampleGenerator.EMAIL_URL_INFO;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Records mode ({@code --records N}): one big NDJSON file of Event Hubs envelopes with about N
 * EmailEvents rows, for throughput benchmarks. It is streamed: rows are made day by day in Timestamp
 * order and written in export-time order through a small queue, so memory stays bounded however large
 * N is. Only the ground truth grows, at a few dozen bytes a row.
 */
final class RecordsFile {

    /** A record waiting for its export time; {@code email} set for EmailEvents rows. */
    private record Pending(ExportRecord record, EmailRow email, boolean duplicate) {}

    private final Path out;
    private final SampleSettings settings;
    private final SplittableRandom planRandom;
    private final SplittableRandom placeRandom;
    private final SplittableRandom envelopeRandom;
    private final List<Tenant> tenants;
    private final EmailRowFactory rows;
    private final OtherTableRowFactory otherRows;
    private final OutageWindow outage;
    private final GroundTruth truth = new GroundTruth();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.record.time()).thenComparingLong(p -> p.record.seq()));
    /** Each tenant's envelope being filled, and the number of records it is to get. */
    private final Map<Tenant, List<Pending>> open = new LinkedHashMap<>();
    private final Map<Tenant, Integer> openTarget = new LinkedHashMap<>();
    private Writer writer;
    private long seq;

    RecordsFile(Path out, SampleSettings settings) {
        this.out = out;
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom tenantRandom = root.split();
        planRandom = root.split();
        SplittableRandom rowRandom = root.split();
        placeRandom = root.split();
        envelopeRandom = root.split();
        tenants = Tenant.threeOrganisations(tenantRandom);
        rows = new EmailRowFactory(rowRandom, tenants);
        // shares the rows' random, so that a benchmark file made before comes out the same
        otherRows = new OtherTableRowFactory(rowRandom);
        outage = OutageWindow.of(settings);
    }

    static String fileName(long records) {
        return "events/eventhubs/records-" + records + ".ndjson";
    }

    GroundTruth run() throws IOException {
        if (Files.exists(out.resolve(EventHubsWriter.partitionFile(0)))) {
            throw new IllegalArgumentException(out + " holds a sample bundle; write the benchmark input elsewhere");
        }
        Path file = out.resolve(fileName(settings.records()));
        Files.createDirectories(file.getParent());
        TextOutput.deleteTree(out.resolve("expected"));
        List<DayPlan> plans = DayPlan.forEachDay(settings, planRandom);
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
        ExpectedFiles.write(out, settings, truth);
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
            List<EmailRow> message = rows.message(second, rows.pickTenant(), rows.pickBucket(failRate), null,
                    Math.min(4, count - i));
            i += message.size();
            if (outage.contains(second)) {
                continue;
            }
            flush(second.plusSeconds(60));
            for (EmailRow e : message) {
                e.seq = seq++;
                Duration delay = ticks(r, 60, 540);
                e.exportTime = e.timestamp.plus(delay);
                e.receivedTime = r.nextDouble() < 0.75 ? e.timestamp.plus(delay.dividedBy(2)) : null;
                pending.add(new Pending(ExportRecord.of(e), e, false));
                if (e.identified() && r.nextDouble() < 0.035) {
                    ObjectNode properties = e.properties;
                    if (r.nextDouble() < 0.1 && "Inbox/folder".equals(e.deliveryLocation)) {
                        properties = e.properties.deepCopy();
                        properties.put("DeliveryLocation", "Junk folder");
                    }
                    Instant time = e.exportTime.plus(ticks(r, 300, 5400));
                    pending.add(new Pending(new ExportRecord(seq++, time, null, e.tenant, EMAIL_EVENTS, properties), e,
                            true));
                }
                if (!e.urls.isEmpty() && r.nextDouble() < 0.1) {
                    pending.add(new Pending(new ExportRecord(seq++, e.exportTime.plus(ticks(r, 0, 30)), null, e.tenant,
                            EMAIL_URL_INFO, otherRows.urlInfo(e, e.urls.get(0))), null, false));
                }
            }
        }
    }

    /** Moves every record whose export time lies before {@code limit} into its tenant's open envelope. */
    private void flush(Instant limit) throws IOException {
        while (!pending.isEmpty() && pending.peek().record.time().isBefore(limit)) {
            Pending p = pending.poll();
            Tenant tenant = p.record.tenant();
            List<Pending> envelope = open.computeIfAbsent(tenant, t -> new ArrayList<>());
            if (!envelope.isEmpty() && (envelope.size() >= openTarget.get(tenant)
                    || Duration.between(envelope.get(0).record.time(), p.record.time()).getSeconds() >= 180)) {
                closeEnvelope(tenant);
            }
            if (envelope.isEmpty()) {
                openTarget.put(tenant, 1 + envelopeRandom.nextInt(50));
            }
            envelope.add(p);
            if (p.email != null) {
                EmailRow e = p.email;
                truth.add(e.timestamp, e.dkimBucket, e.networkMessageId, e.recipient, p.duplicate);
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
        List<ExportRecord> records = new ArrayList<>(envelope.size());
        for (Pending p : envelope) {
            records.add(p.record);
        }
        writer.write(EventHubsWriter.envelopeJson(records));
        writer.write('\n');
        envelope.clear();
    }
}
