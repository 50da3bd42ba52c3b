package io.dkimtrend.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The state-cost measurement runs and reports every figure; the figures themselves are never asserted. */
class DomainStateCostSmokeIT {

    @Test
    void reportsSerializedAndHeapSizes() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DomainStateCost.measure(1_000, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith("distinct sender domains").contains("1,000"))
                .anySatisfy(line -> assertThat(line).startsWith("DayCounts serialized").contains("bytes"))
                .anySatisfy(line -> assertThat(line).startsWith("DayCounts on the heap").contains("bytes"))
                .anySatisfy(line -> assertThat(line).startsWith("day record, top 10").contains("bytes"));
    }
}
