package io.dkimtrend.sample;

import static io.dkimtrend.sample.RandomDraws.randomSecond;
import static io.dkimtrend.sample.RandomDraws.ticks;
import static io.dkimtrend.sample.SampleGenerator.BIG_ENVELOPE_RECORDS;
import static io.dkimtrend.sample.SampleGenerator.DEVICE_EVENTS;
import static io.dkimtrend.sample.SampleGenerator.EMAIL_ATTACHMENT_INFO;
import static io.dkimtrend.sample.SampleGenerator.EMAIL_URL_INFO;
import static io.dkimtrend.sample.SampleGenerator.PARTITIONS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The records of other tables that share the Event Hubs stream with EmailEvents, and the one
 * oversized envelope. In a real stream they outnumber the email rows; a job must skip every one of
 * them, so the truth counts them as they are made.
 */
final class OtherTableRecords {

    private final List<ExportRecord> records = new ArrayList<>();
    private final List<Integer> partitions = new ArrayList<>();
    private final List<ExportRecord> bigEnvelope = new ArrayList<>();
    private final OtherTableRowFactory rows;
    private final SplittableRandom r;
    private final LongSupplier nextSeq;
    private final GroundTruth truth;

    /** {@code rows} draws from {@code r} as well. */
    private OtherTableRecords(OtherTableRowFactory rows, SplittableRandom r, LongSupplier nextSeq, GroundTruth truth) {
        this.rows = rows;
        this.r = r;
        this.nextSeq = nextSeq;
        this.truth = truth;
    }

    static OtherTableRecords create(List<EmailRow> emails, List<Tenant> tenants, SampleSettings settings,
            OutageWindow outage, SplittableRandom r, LongSupplier nextSeq, GroundTruth truth) {
        OtherTableRecords other = new OtherTableRecords(new OtherTableRowFactory(r), r, nextSeq, truth);
        other.besideEmails(emails);
        other.deviceEventBursts(tenants, settings, outage);
        other.bigEnvelope(emails);
        return other;
    }

    /** The records for partition file {@code partition}, the big envelope excepted. */
    List<ExportRecord> inPartition(int partition) {
        List<ExportRecord> inPartition = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (partitions.get(i) == partition) {
                inPartition.add(records.get(i));
            }
        }
        return inPartition;
    }

    /** The oversized envelope: the campaign's EmailEvents, their URL records and DeviceEvents. */
    List<ExportRecord> bigEnvelope() {
        return bigEnvelope;
    }

    /** EmailUrlInfo and EmailAttachmentInfo of some emails, in the email's partition when it has one. */
    private void besideEmails(List<EmailRow> emails) {
        for (EmailRow e : emails) {
            if (e.inBigEnvelope) {
                continue;
            }
            int partition = e.shape == OutputShape.EVENT_HUBS ? e.partition : r.nextInt(PARTITIONS);
            if (!e.urls.isEmpty() && r.nextDouble() < 0.25) {
                for (int u = 0; u < Math.min(2, e.urls.size()); u++) {
                    add(new ExportRecord(nextSeq.getAsLong(), e.exportTime.plus(ticks(r, 0, 30)), null, e.tenant,
                            EMAIL_URL_INFO, rows.urlInfo(e, e.urls.get(u))), partition);
                }
            }
            if (!e.attachments.isEmpty() && r.nextDouble() < 0.7) {
                for (String[] attachment : e.attachments) {
                    add(new ExportRecord(nextSeq.getAsLong(), e.exportTime.plus(ticks(r, 0, 30)), null, e.tenant,
                            EMAIL_ATTACHMENT_INFO, rows.attachmentInfo(e, attachment)), partition);
                }
            }
        }
    }

    /** A burst or two of DeviceEvents a day per tenant; none during the outage, which stops every table. */
    private void deviceEventBursts(List<Tenant> tenants, SampleSettings settings, OutageWindow outage) {
        for (int d = 0; d < settings.days(); d++) {
            LocalDate day = settings.start().plusDays(d);
            for (Tenant tenant : tenants) {
                int bursts = tenant == tenants.get(0) ? 1 + r.nextInt(2) : r.nextInt(2);
                for (int b = 0; b < bursts; b++) {
                    Instant burst = randomSecond(r, day);
                    int size = 3 + r.nextInt(25);
                    int partition = r.nextInt(PARTITIONS);
                    for (int i = 0; i < size; i++) {
                        Instant timestamp = burst.plus(ticks(r, 0, 90));
                        if (outage.contains(timestamp)) {
                            continue;
                        }
                        add(new ExportRecord(nextSeq.getAsLong(), timestamp.plus(ticks(r, 60, 300)), null, tenant,
                                DEVICE_EVENTS, rows.deviceEvent(tenant, timestamp)), partition);
                    }
                }
            }
        }
    }

    private void add(ExportRecord record, int partition) {
        records.add(record);
        partitions.add(partition);
        truth.addOtherTableRecords(1);
    }

    /**
     * The campaign's rows of the chosen spike day with their URL records, filled with DeviceEvents of the
     * same minutes: one envelope far larger than the others, yet below the job's default message limit.
     */
    private void bigEnvelope(List<EmailRow> emails) {
        List<EmailRow> campaign = emails.stream().filter(e -> e.inBigEnvelope).toList();
        if (campaign.isEmpty()) {
            return;
        }
        Instant first = campaign.stream().map(e -> e.exportTime).min(Comparator.naturalOrder()).orElseThrow();
        for (EmailRow e : campaign) {
            bigEnvelope.add(ExportRecord.of(e));
        }
        for (EmailRow e : campaign) {
            if (bigEnvelope.size() < BIG_ENVELOPE_RECORDS) {
                bigEnvelope.add(new ExportRecord(nextSeq.getAsLong(), e.exportTime.plus(ticks(r, 0, 20)), null,
                        e.tenant, EMAIL_URL_INFO, rows.urlInfo(e, e.urls.get(0))));
                truth.addOtherTableRecords(1);
            }
        }
        Tenant tenant = campaign.get(0).tenant;
        while (bigEnvelope.size() < BIG_ENVELOPE_RECORDS) {
            Instant time = first.plus(ticks(r, 0, 170));
            Instant timestamp = time.minus(ticks(r, 60, 180));
            bigEnvelope.add(new ExportRecord(nextSeq.getAsLong(), time,
                    r.nextDouble() < 0.5 ? time.minus(ticks(r, 5, 40)) : null, tenant, DEVICE_EVENTS,
                    rows.deviceEvent(tenant, timestamp)));
            truth.addOtherTableRecords(1);
        }
        bigEnvelope.sort(ExportRecord.BY_EXPORT_TIME);
    }
}
