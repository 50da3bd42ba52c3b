package io.dkimtrend.sample;

import static io.dkimtrend.sample.SampleGenerator.BIG_ENVELOPE_PARTITION;
import static io.dkimtrend.sample.SampleGenerator.PARTITIONS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes {@code events/eventhubs/partition-N.ndjson}: what a consumer of the Event Hubs (or Kafka) topic
 * receives, one envelope {@code {"records":[...]}} per line, LF line ends. Like the real exporter it
 * batches by tenant and export time, so EmailEvents share envelopes with other tables' records, and a
 * row may be exported long after rows with a later Timestamp.
 */
final class EventHubsWriter {

    private static final Comparator<List<ExportRecord>> BY_FIRST_RECORD = Comparator
            .comparing((List<ExportRecord> envelope) -> envelope.get(0).time())
            .thenComparingLong(envelope -> envelope.get(0).seq());

    private final Path out;
    private final SplittableRandom envelopeRandom;
    private final MalformedLines malformed;

    EventHubsWriter(Path out, SplittableRandom envelopeRandom, MalformedLines malformed) {
        this.out = out;
        this.envelopeRandom = envelopeRandom;
        this.malformed = malformed;
    }

    static String partitionFile(int partition) {
        return "events/eventhubs/partition-" + partition + ".ndjson";
    }

    static String envelopeJson(List<ExportRecord> records) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        ArrayNode array = envelope.putArray("records");
        for (ExportRecord record : records) {
            array.add(record.toJson());
        }
        return TextOutput.json(envelope);
    }

    /**
     * Cuts records sorted by export time into envelopes of one tenant each: 1-50 records that lie within
     * three minutes, ordered by their first record.
     */
    private static List<List<ExportRecord>> envelopes(List<ExportRecord> sorted, SplittableRandom r) {
        Map<Tenant, List<ExportRecord>> byTenant = new LinkedHashMap<>();
        for (ExportRecord record : sorted) {
            byTenant.computeIfAbsent(record.tenant(), t -> new ArrayList<>()).add(record);
        }
        List<List<ExportRecord>> envelopes = new ArrayList<>();
        for (List<ExportRecord> records : byTenant.values()) {
            int i = 0;
            while (i < records.size()) {
                int target = 1 + r.nextInt(50);
                Instant first = records.get(i).time();
                int j = i;
                while (j < records.size() && j - i < target
                        && Duration.between(first, records.get(j).time()).getSeconds() < 180) {
                    j++;
                }
                envelopes.add(new ArrayList<>(records.subList(i, j)));
                i = j;
            }
        }
        envelopes.sort(BY_FIRST_RECORD);
        return envelopes;
    }

    void write(List<EmailRow> emails, List<Redelivery> redeliveries, OtherTableRecords otherTables)
            throws IOException {
        for (int p = 0; p < PARTITIONS; p++) {
            List<ExportRecord> records = new ArrayList<>();
            for (EmailRow e : emails) {
                if (e.shape == OutputShape.EVENT_HUBS && e.partition == p && !e.inBigEnvelope) {
                    records.add(ExportRecord.of(e));
                }
            }
            for (Redelivery x : redeliveries) {
                if (x.shape == OutputShape.EVENT_HUBS && x.partition == p) {
                    records.add(ExportRecord.of(x));
                }
            }
            records.addAll(otherTables.inPartition(p));
            records.sort(ExportRecord.BY_EXPORT_TIME);
            List<List<ExportRecord>> envelopes = envelopes(records, envelopeRandom);
            if (p == BIG_ENVELOPE_PARTITION && !otherTables.bigEnvelope().isEmpty()) {
                envelopes.add(otherTables.bigEnvelope());
                envelopes.sort(BY_FIRST_RECORD);
            }
            String file = partitionFile(p);
            int withRecordWithoutTimestamp = MalformedLines.envelopeForRecordWithoutTimestamp(p, envelopes);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < envelopes.size(); i++) {
                List<ExportRecord> envelope = envelopes.get(i);
                if (i == withRecordWithoutTimestamp) {
                    envelope = malformed.withRecordWithoutTimestamp(envelope, file);
                }
                lines.add(envelopeJson(envelope));
            }
            malformed.insertIntoPartition(p, file, lines, envelopes);
            TextOutput.writeLines(out.resolve(file), lines, "\n", false);
        }
    }
}
