package io.dkimtrend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record the job ships between operators or keeps in state is a POJO with serializers of
 * Flink's own (the job forbids generic types, so a field that needed Kryo would fail at start),
 * and comes back equal from its serializer, per-domain counts included. The email, which has a
 * serializer of its own, is {@link EmailEventSerializerTest}'s.
 */
class FlinkTypesTest {

    static Stream<Arguments> records() {
        DayCounts counts = DayCounts.withDomains();
        EmailEvent email = new EmailEvent();
        email.dkim = DkimVerdict.FAIL;
        email.senderDomain = "tailspin.io";
        counts.add(email);
        DayMetric metric = new DayMetric();
        metric.series = "all";
        metric.failingDomains = 1;
        metric.topDkimFailDomains = new ArrayList<>(List.of(new DomainFailures("tailspin.io", 1, 1)));
        Alert alert = new Alert();
        alert.drivers = new ArrayList<>(List.of(new DomainDriver("tailspin.io", 41, 2.5)));
        return Stream.of(
                Arguments.of(DayCounts.class, counts, "1 {tailspin.io=[1, 1]}"),
                Arguments.of(PartialDay.class, new PartialDay("all", 0, counts), "all 1 {tailspin.io=[1, 1]}"),
                Arguments.of(DayMetric.class, metric, "1 [tailspin.io 1/1]"),
                Arguments.of(Alert.class, alert, "[tailspin.io 41 (expected 2.5)]"),
                Arguments.of(DayDomains.class, new DayDomains(metric.topDkimFailDomains, true), "[tailspin.io 1/1] true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    <T> void isAPojoThatRoundTripsWithoutGenericTypes(Class<T> type, T record, String expected) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(record, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(describe(copy)).isEqualTo(expected);
    }

    private static String describe(Object record) {
        if (record instanceof DayCounts c) return c.dkimFail + " " + domains(c);
        if (record instanceof PartialDay p) return p.series + " " + p.counts.emails + " " + domains(p.counts);
        if (record instanceof DayMetric m) return m.failingDomains + " " + m.topDkimFailDomains;
        if (record instanceof Alert a) return String.valueOf(a.drivers);
        if (record instanceof DayDomains d) return d.top + " " + d.complete;
        throw new IllegalArgumentException(String.valueOf(record));
    }

    private static String domains(DayCounts counts) {
        StringBuilder text = new StringBuilder("{");
        counts.domains.forEach((domain, c) -> text.append(domain).append("=").append(java.util.Arrays.toString(c)));
        return text.append("}").toString();
    }
}
