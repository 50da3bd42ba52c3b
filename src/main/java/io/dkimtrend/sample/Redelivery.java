package io.dkimtrend.sample;

import static io.dkimtrend.sample.RandomDraws.pick;
import static io.dkimtrend.sample.RandomDraws.ticks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A row the Streaming API sends again, as it does for a few percent of rows and again when a
 * message is moved. The copy keeps Timestamp and AuthenticationDetails, so deduplication may keep
 * either copy and the truth does not depend on which comes first. Copies land in the same file, in
 * another file or shape, or in an envelope of their own with a new DeliveryLocation.
 */
final class Redelivery {

    long seq;
    EmailRow original;
    ObjectNode properties;
    OutputShape shape;
    int partition;
    Instant exportTime;
    Instant receivedTime;

    private Redelivery() {}

    /** Re-sends about 3.5 % of the identified rows; a row without identity cannot be recognised as a copy. */
    static List<Redelivery> of(List<EmailRow> emails, SplittableRandom r, LongSupplier nextSeq) {
        String[] moves = {"Junk folder", "Quarantine", "Deleted items"};
        List<Redelivery> redeliveries = new ArrayList<>();
        for (EmailRow e : emails) {
            if (!e.identified() || e.neverResent || r.nextDouble() >= 0.035) {
                continue;
            }
            Redelivery x = new Redelivery();
            x.seq = nextSeq.getAsLong();
            x.original = e;
            x.exportTime = e.exportTime.plus(ticks(r, 300, 5400));
            x.receivedTime = e.receivedTime == null ? null : x.exportTime.minus(ticks(r, 20, 60));
            double kind = r.nextDouble();
            if (kind < 0.12 && "Inbox/folder".equals(e.deliveryLocation)) {
                x.properties = e.properties.deepCopy();
                x.properties.put("DeliveryLocation", pick(r, moves));
                x.shape = OutputShape.EVENT_HUBS;
                x.partition = r.nextInt(SampleGenerator.PARTITIONS);
            } else if (kind < 0.62) {
                x.properties = e.properties;
                x.shape = e.shape;
                x.partition = e.partition;
            } else {
                x.properties = e.properties;
                x.placeInAnotherFile(r);
            }
            redeliveries.add(x);
        }
        return redeliveries;
    }

    private void placeInAnotherFile(SplittableRandom r) {
        int partitions = SampleGenerator.PARTITIONS;
        while (true) {
            int choice = r.nextInt(partitions + 2);
            OutputShape chosen = choice < partitions ? OutputShape.EVENT_HUBS
                    : choice == partitions ? OutputShape.STORAGE : OutputShape.ADVANCED_HUNTING;
            boolean sameFile = chosen == original.shape
                    && (chosen != OutputShape.EVENT_HUBS || choice == original.partition);
            if (!sameFile) {
                shape = chosen;
                partition = choice < partitions ? choice : 0;
                return;
            }
        }
    }
}
