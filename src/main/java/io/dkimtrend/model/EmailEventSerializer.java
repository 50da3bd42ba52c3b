package io.dkimtrend.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link EmailEvent} as it crosses a shuffle: three longs, an int, one byte of verdicts and the
 * two short strings, 37 bytes before the strings' text. Every email passes the dedup shuffle, and a
 * replay sorts them all: Flink's POJO serializer, which reads each field by reflection and writes a
 * null flag per field, cost as much CPU there as parsing (measured). The fields {@link EmailEvent}
 * marks transient never travel.
 */
public final class EmailEventSerializer extends TypeSerializerSingleton<EmailEvent> {

    public static final EmailEventSerializer INSTANCE = new EmailEventSerializer();

    private static final DkimVerdict[] VERDICTS = DkimVerdict.values();
    /** Event time, identity, spread and the verdicts' byte. */
    private static final int FIXED_BYTES = 3 * Long.BYTES + Integer.BYTES + 1;
    private static final int SPF_FAIL = 1 << 2;
    private static final int DMARC_FAIL = 1 << 3;
    private static final int COMP_AUTH_FAIL = 1 << 4;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EmailEvent createInstance() {
        return new EmailEvent();
    }

    @Override
    public EmailEvent copy(EmailEvent from) {
        return copy(from, new EmailEvent());
    }

    @Override
    public EmailEvent copy(EmailEvent from, EmailEvent reuse) {
        reuse.eventTime = from.eventTime;
        reuse.identityHigh = from.identityHigh;
        reuse.identityLow = from.identityLow;
        reuse.spread = from.spread;
        reuse.dkim = from.dkim;
        reuse.spfFail = from.spfFail;
        reuse.dmarcFail = from.dmarcFail;
        reuse.compAuthFail = from.compAuthFail;
        reuse.tenantId = from.tenantId;
        reuse.senderDomain = from.senderDomain;
        return reuse;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EmailEvent email, DataOutputView target) throws IOException {
        target.writeLong(email.eventTime);
        target.writeLong(email.identityHigh);
        target.writeLong(email.identityLow);
        target.writeInt(email.spread);
        target.writeByte(email.dkim.ordinal() | (email.spfFail ? SPF_FAIL : 0) | (email.dmarcFail ? DMARC_FAIL : 0)
                | (email.compAuthFail ? COMP_AUTH_FAIL : 0));
        writeString(email.tenantId, target);
        writeString(email.senderDomain, target);
    }

    @Override
    public EmailEvent deserialize(DataInputView source) throws IOException {
        return deserialize(new EmailEvent(), source);
    }

    @Override
    public EmailEvent deserialize(EmailEvent reuse, DataInputView source) throws IOException {
        reuse.eventTime = source.readLong();
        reuse.identityHigh = source.readLong();
        reuse.identityLow = source.readLong();
        reuse.spread = source.readInt();
        int verdicts = source.readByte();
        reuse.dkim = VERDICTS[verdicts & 3];
        reuse.spfFail = (verdicts & SPF_FAIL) != 0;
        reuse.dmarcFail = (verdicts & DMARC_FAIL) != 0;
        reuse.compAuthFail = (verdicts & COMP_AUTH_FAIL) != 0;
        reuse.tenantId = readString(source);
        reuse.senderDomain = readString(source);
        return reuse;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        // Through an array: a DataOutputSerializer target does not grow in write(DataInputView, int).
        byte[] fixed = new byte[FIXED_BYTES];
        source.readFully(fixed);
        target.write(fixed);
        copyString(source, target);
        copyString(source, target);
    }

    /*
     * A string as its UTF-8 length plus one (0 for null) and its bytes, moved in one block: Flink's
     * StringValue writes and reads a byte at a time through the view, which in a replay's sort,
     * copying every email between its buffers, cost several times the rest of the sort (measured).
     */

    private static void writeString(String text, DataOutputView target) throws IOException {
        if (text == null) {
            target.writeInt(0);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        target.writeInt(bytes.length + 1);
        target.write(bytes);
    }

    private static String readString(DataInputView source) throws IOException {
        int length = source.readInt() - 1;
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void copyString(DataInputView source, DataOutputView target) throws IOException {
        int lengthPlusOne = source.readInt();
        target.writeInt(lengthPlusOne);
        if (lengthPlusOne > 1) {
            byte[] bytes = new byte[lengthPlusOne - 1];
            source.readFully(bytes);
            target.write(bytes);
        }
    }

    @Override
    public TypeSerializerSnapshot<EmailEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a snapshot; it has no configuration to keep. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EmailEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
