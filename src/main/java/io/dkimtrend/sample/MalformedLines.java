package io.dkimtrend.sample;

import static io.dkimtrend.sample.SampleGenerator.EMAIL_EVENTS;
import static io.dkimtrend.sample.TextOutput.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dkimtrend.sample.GroundTruth.DeadLetter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad input of the bundle, every kind a job must dead-letter in every shape it can occur in: a
 * line that is not JSON or cut off, a JSON array, an unknown object, a record without (or with an
 * unusable) Timestamp. Each is built around a fresh row counted nowhere else, and is entered in the
 * ground truth with its file at the moment it is made, so that the truth holds each bad line or
 * record exactly as often as the files do.
 */
final class MalformedLines {

    private final EmailRowFactory freshRows;
    private final GroundTruth truth;
    private final Tenant mainTenant;
    private final Instant start;

    /** {@code freshRows} draws from a random of its own, so bad lines never shift the good rows. */
    MalformedLines(EmailRowFactory freshRows, GroundTruth truth, Tenant mainTenant, Instant start) {
        this.freshRows = freshRows;
        this.truth = truth;
        this.mainTenant = mainTenant;
        this.start = start;
    }

    /** Index of the envelope of partitions 0 and 2 that gets a record without Timestamp; -1 for the others. */
    static int envelopeForRecordWithoutTimestamp(int partition, List<List<ExportRecord>> envelopes) {
        if (partition != 0 && partition != 2) {
            return -1;
        }
        for (int i = envelopes.size() * (partition == 0 ? 2 : 3) / 5; i < envelopes.size(); i++) {
            int n = envelopes.get(i).size();
            if (n >= 3 && n < 50) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of {@code envelope} with an EmailEvents record without Timestamp as its third record. */
    List<ExportRecord> withRecordWithoutTimestamp(List<ExportRecord> envelope, String file) {
        List<ExportRecord> copy = new ArrayList<>(envelope);
        ExportRecord neighbour = copy.get(1);
        ObjectNode properties = freshRow(neighbour.tenant(), neighbour.time().minusSeconds(200));
        properties.remove("Timestamp");
        copy.add(2, new ExportRecord(0, neighbour.time().plusMillis(1), null, neighbour.tenant(), EMAIL_EVENTS,
                properties));
        truth.addDeadLetter(DeadLetter.ENVELOPE_RECORD_WITHOUT_TIMESTAMP, file);
        return copy;
    }

    /**
     * One bad line in the middle of a partition file, a different kind per partition, among envelopes
     * of the same minutes. {@code lines} holds one line per envelope of {@code envelopes}.
     */
    void insertIntoPartition(int partition, String file, List<String> lines, List<List<ExportRecord>> envelopes) {
        int at = lines.size() / 2;
        ExportRecord near = envelopes.isEmpty() ? null : envelopes.get(Math.min(at, envelopes.size() - 1)).get(0);
        Tenant tenant = near == null ? mainTenant : near.tenant();
        Instant time = near == null ? start : near.time();
        switch (partition) {
            case 0 -> {
                // bare records wrapped in an array instead of an envelope
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < 2; i++) {
                    array.add(new ExportRecord(0, time.plusSeconds(i), null, tenant, EMAIL_EVENTS,
                            freshRow(tenant, time.minusSeconds(240))).toJson());
                }
                lines.add(at, json(array));
                truth.addDeadLetter(DeadLetter.JSON_ARRAY, file);
            }
            case 1 -> {
                lines.add(at, "{\"foo\":1}");
                truth.addDeadLetter(DeadLetter.UNKNOWN_SHAPE, file);
            }
            case 2 -> {
                List<ExportRecord> envelope = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    envelope.add(new ExportRecord(0, time.plusSeconds(i), null, tenant, EMAIL_EVENTS,
                            freshRow(tenant, time.minusSeconds(300))));
                }
                String text = EventHubsWriter.envelopeJson(envelope);
                lines.add(at, cut(text, text.length() * 3 / 5));
                truth.addDeadLetter(DeadLetter.TRUNCATED_JSON, file);
            }
            default -> {
                lines.add(at, "HTTP/1.1 503 Service Unavailable: the event hub did not answer in time");
                truth.addDeadLetter(DeadLetter.NOT_JSON, file);
            }
        }
    }

    /**
     * Bad lines for the storage export, spread over {@code ordinary} blobs (neither gzipped nor split);
     * each blob's list goes in from its second line on.
     */
    Map<String, List<String>> forStorage(List<String> ordinary, Map<String, List<ExportRecord>> blobs) {
        Map<String, List<String>> badLines = new LinkedHashMap<>();
        DeadLetter[] kinds = {DeadLetter.TRUNCATED_JSON, DeadLetter.RECORD_WITHOUT_TIMESTAMP,
            DeadLetter.RECORD_WITHOUT_TIMESTAMP, DeadLetter.UNPARSEABLE_TIMESTAMP, DeadLetter.UNPARSEABLE_TIMESTAMP};
        for (int k = 0; k < kinds.length; k++) {
            String path = ordinary.get(ordinary.size() * (k + 1) / (kinds.length + 2));
            ExportRecord near = blobs.get(path).get(0);
            ObjectNode properties = freshRow(near.tenant(), near.time().minusSeconds(240));
            switch (k) {
                case 0 -> { } // intact, the line is cut off below
                case 1 -> properties.remove("Timestamp");
                case 2 -> properties.putNull("Timestamp");
                default -> properties.put("Timestamp", k == 3 ? "yesterday" : "2026-13-45T25:61:00Z");
            }
            String line = json(new ExportRecord(0, near.time().plusSeconds(7), null, near.tenant(), EMAIL_EVENTS,
                    properties).toJson());
            String written = k == 0 ? cut(line, line.length() * 9 / 20) : line;
            badLines.computeIfAbsent(path, p -> new ArrayList<>()).add(written);
            truth.addDeadLetter(kinds[k], path);
        }
        return badLines;
    }

    /** An array, an unknown object and a CSV header (an export saved in the wrong format) among flat rows. */
    void insertIntoAdvancedHunting(List<String> first, String firstFile, List<String> second, String secondFile,
            Instant near) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(freshRow(mainTenant, near));
        first.add(first.size() / 2, json(array));
        truth.addDeadLetter(DeadLetter.JSON_ARRAY, firstFile);
        first.add(first.size() * 3 / 4, "{\"foo\":1,\"bar\":\"baz\"}");
        truth.addDeadLetter(DeadLetter.UNKNOWN_SHAPE, firstFile);
        second.add(0, "Timestamp,NetworkMessageId,SenderFromAddress,RecipientEmailAddress,Subject,"
                + "AuthenticationDetails");
        truth.addDeadLetter(DeadLetter.NOT_JSON, secondFile);
    }

    /** The columns of a fresh EmailEvents row, Timestamp in whole seconds. */
    private ObjectNode freshRow(Tenant tenant, Instant near) {
        Instant second = near.truncatedTo(ChronoUnit.SECONDS);
        ObjectNode properties = freshRows.message(second, tenant, freshRows.pickBucket(0.1), null, 1).get(0).properties;
        properties.put("Timestamp", TimestampForms.SECONDS_Z.format(second));
        return properties;
    }

    /** The first {@code at} characters, one less rather than half a surrogate pair. */
    private static String cut(String text, int at) {
        int end = at;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
