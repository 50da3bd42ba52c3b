package io.dkimtrend.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One EmailEvents row the job must count, with what the generator knows about it. The truth
 * (timestamp, DKIM bucket, identity) is fixed when the row is made and never read back from the
 * written files, so the ground truth cannot inherit a mistake of a writer.
 */
final class EmailRow {

    /** Order of creation; breaks ties between equal times so that sorting stays deterministic. */
    long seq;
    Instant timestamp;
    Tenant tenant;
    ObjectNode properties;
    /** {@link GroundTruth#PASS}, {@link GroundTruth#FAIL}, {@link GroundTruth#NONE} or {@link GroundTruth#OTHER}. */
    int dkimBucket;
    /** NetworkMessageId as written, null when the row lacks it. */
    UUID networkMessageId;
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
    /** File name, type, SHA256 and size of each attachment, for EmailAttachmentInfo. */
    List<String[]> attachments = List.of();

    OutputShape shape = OutputShape.EVENT_HUBS;
    int partition;
    boolean inBigEnvelope;
    boolean withoutCategory;
    /** The row with the huge Subject: a copy of it would make the bundle needlessly large. */
    boolean neverResent;
    /** The envelope's {@code time}: when the Streaming API exported the row, after its Timestamp. */
    Instant exportTime;
    /** {@code _TimeReceivedBySvc}, null when the record has none. */
    Instant receivedTime;

    boolean identified() {
        return networkMessageId != null && recipient != null;
    }
}
