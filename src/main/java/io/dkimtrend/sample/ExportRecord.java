package io.dkimtrend.sample;

import static io.dkimtrend.sample.TimestampForms.FRACTION7_NO_ZONE;
import static io.dkimtrend.sample.TimestampForms.FRACTION7_Z;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;

/**
 * One record as the Streaming API exports it, inside an Event Hubs envelope or alone on a line of a
 * storage blob: the row's columns under {@code properties}, wrapped in export metadata. Envelopes and
 * blobs are ordered by export time, not by Timestamp, as in reality.
 *
 * @param seq creation order, to break ties between equal export times
 * @param time export time, the record's {@code time}
 * @param received {@code _TimeReceivedBySvc}, null when the record has none
 * @param category null for a record without category, which counts as EmailEvents
 */
record ExportRecord(long seq, Instant time, Instant received, Tenant tenant, String category, JsonNode properties) {

    static final Comparator<ExportRecord> BY_EXPORT_TIME =
            Comparator.comparing(ExportRecord::time).thenComparingLong(ExportRecord::seq);

    static ExportRecord of(EmailRow e) {
        return new ExportRecord(e.seq, e.exportTime, e.receivedTime, e.tenant,
                e.withoutCategory ? null : SampleGenerator.EMAIL_EVENTS, e.properties);
    }

    static ExportRecord of(Redelivery x) {
        return new ExportRecord(x.seq, x.exportTime, x.receivedTime, x.original.tenant, SampleGenerator.EMAIL_EVENTS,
                x.properties);
    }

    /** time, tenantId, operationName, category, _TimeReceivedBySvc, properties, Tenant; in that order. */
    ObjectNode toJson() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("time", FRACTION7_Z.format(time));
        record.put("tenantId", tenant.id);
        record.put("operationName", "Publish");
        if (category != null) {
            record.put("category", category);
        }
        if (received != null) {
            record.put("_TimeReceivedBySvc", FRACTION7_NO_ZONE.format(received));
        }
        record.set("properties", properties);
        record.put("Tenant", "DefaultTenant");
        return record;
    }
}
