package io.dkimtrend.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * An {@link EmailEvent} as it crosses a shuffle: three longs, an int, one byte of verdicts and the
 * two short strings, 30 bytes before the strings. Every email passes the dedup shuffle, and a
 * replay sorts them all: Flink's POJO serializer, which reads each field by reflection and writes a
 * null flag per field, cost as much CPU there as parsing (measured). The fields {@link EmailEvent}
 * marks transient never travel.
 */
public final class EmailEventSerializer extends TypeSerializerSingleton<EmailEvent> {

    public static final EmailEventSerializer INSTANCE = new EmailEventSerializer();

    private static final DkimVerdict[] VERDICTS = DkimVerdict.values();
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
        StringValue.writeString(email.tenantId, target);
        StringValue.writeString(email.senderDomain, target);
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
        reuse.tenantId = StringValue.readString(source);
        reuse.senderDomain = StringValue.readString(source);
        return reuse;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, 3 * Long.BYTES + Integer.BYTES + 1);
        StringValue.copyString(source, target);
        StringValue.copyString(source, target);
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
