package io.dkimtrend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An email crosses the shuffle with every field the later steps read, and none of the source's. */
class EmailEventSerializerTest {

    private static final TypeSerializer<EmailEvent> SERIALIZER =
            TypeInformation.of(EmailEvent.class).createSerializer(new SerializerConfigImpl());

    static Stream<Arguments> emails() {
        return Stream.of(
                // eventTime, identityHigh, identityLow, spread, dkim, spf, dmarc, compAuth, tenant, domain
                Arguments.of(1_790_000_000_000L, 7L, -9L, 42, DkimVerdict.FAIL, true, false, true, "t1", "tailspin.io"),
                Arguments.of(0L, 0L, 0L, 0, DkimVerdict.NONE, false, false, false, null, null),
                Arguments.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, -1, DkimVerdict.OTHER, false, true, false, "", ""),
                Arguments.of(Long.MAX_VALUE, -1L, 1L, Integer.MIN_VALUE, DkimVerdict.PASS, true, true, true,
                        "9b1f6c2e-0d1a-4f5e-8c3b-2a7d9e4f6b10", "bücher.example"),
                Arguments.of(86_400_000L, 1L, 2L, 3, DkimVerdict.FAIL, false, false, false, "t\u0000\uffff", "x".repeat(300)));
    }

    @ParameterizedTest(name = "{4} {8} {9}")
    @MethodSource("emails")
    void roundTripsEveryFieldTheLaterStepsRead(long eventTime, long high, long low, int spread, DkimVerdict dkim,
            boolean spf, boolean dmarc, boolean compAuth, String tenant, String domain) throws Exception {
        EmailEvent email = email(eventTime, high, low, spread, dkim, spf, dmarc, compAuth, tenant, domain);
        email.origin = "events.ndjson:3 record 1";
        email.message = new byte[] {'{', '}'};

        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(email, out);
        EmailEvent back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(describe(back)).isEqualTo(describe(email));
        assertThat(back.origin).as("the origin stays with the source").isNull();
        assertThat(back.message).as("the message stays with the source").isNull();

        DataOutputSerializer copied = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

        EmailEvent reused = SERIALIZER.deserialize(email(1, 1, 1, 1, DkimVerdict.PASS, true, true, true, "old", "old"),
                new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(describe(reused)).isEqualTo(describe(email));
        assertThat(describe(SERIALIZER.copy(email))).isEqualTo(describe(email));
    }

    @Test
    void anEmailWithoutStringsTakesThirtySevenBytes() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(new EmailEvent(), out);
        assertThat(out.length()).isEqualTo(37);
    }

    @Test
    void aSnapshotRestoresACompatibleSerializer() {
        TypeSerializerSnapshot<EmailEvent> snapshot = SERIALIZER.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isSameAs(EmailEventSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<EmailEvent> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(snapshot);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    private static EmailEvent email(long eventTime, long high, long low, int spread, DkimVerdict dkim, boolean spf,
            boolean dmarc, boolean compAuth, String tenant, String domain) {
        EmailEvent email = new EmailEvent();
        email.eventTime = eventTime;
        email.identityHigh = high;
        email.identityLow = low;
        email.spread = spread;
        email.dkim = dkim;
        email.spfFail = spf;
        email.dmarcFail = dmarc;
        email.compAuthFail = compAuth;
        email.tenantId = tenant;
        email.senderDomain = domain;
        return email;
    }

    private static String describe(EmailEvent e) {
        return e.eventTime + " " + e.identityHigh + " " + e.identityLow + " " + e.spread + " " + e.dkim + " " + e.spfFail
                + " " + e.dmarcFail + " " + e.compAuthFail + " " + e.tenantId + " " + e.senderDomain;
    }
}
