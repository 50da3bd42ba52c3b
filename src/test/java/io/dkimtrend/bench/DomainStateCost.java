package io.dkimtrend.bench;

import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.window.DomainRanking;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jol.info.GraphLayout;

/**
 * What one day of one series costs in state when it has many distinct sender domains: the window's
 * accumulator ({@link DayCounts}) on the heap (the default HashMap state backend keeps it as
 * objects) and as Flink's serializer writes it (a checkpoint, RocksDB), and the day record's top list.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *   io.dkimtrend.bench.DomainStateCost 100000
 * </pre>
 */
public final class DomainStateCost {

    private DomainStateCost() {}

    public static void main(String[] args) throws IOException {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        measure(domains, System.out);
    }

    public static void measure(int domains, PrintStream out) throws IOException {
        DayCounts counts = day(domains);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<DayCounts> serializer = TypeInformation.of(DayCounts.class).createSerializer(config);
        DataOutputSerializer bytes = new DataOutputSerializer(1 << 20);
        serializer.serialize(counts, bytes);
        long heap = GraphLayout.parseInstance(counts).totalSize();
        double meanName = counts.domains.keySet().stream().mapToInt(String::length).average().orElse(0);

        DayMetric metric = new DayMetric();
        metric.topDkimFailDomains = DomainRanking.top(counts.domains, 10);
        TypeSerializer<DayMetric> metricSerializer = TypeInformation.of(DayMetric.class).createSerializer(config);
        DataOutputSerializer metricBytes = new DataOutputSerializer(1024);
        metricSerializer.serialize(metric, metricBytes);

        out.printf(Locale.ROOT, "distinct sender domains   %,d (names of %.1f characters on average)%n", domains, meanName);
        out.printf(Locale.ROOT, "DayCounts serialized      %,d bytes (%.1f per domain)%n", bytes.length(),
                (double) bytes.length() / domains);
        out.printf(Locale.ROOT, "DayCounts on the heap     %,d bytes (%.1f per domain)%n", heap, (double) heap / domains);
        out.printf(Locale.ROOT, "day record, top 10        %,d bytes serialized%n", metricBytes.length());
    }

    /** A day in which {@code domains} senders each mailed, a few of them many times, about 6% failing DKIM. */
    static DayCounts day(int domains) {
        SplittableRandom random = new SplittableRandom(1);
        String[] tlds = {".com", ".net", ".org", ".co.uk", ".de", ".io"};
        DayCounts counts = DayCounts.withDomains();
        EmailEvent email = new EmailEvent();
        for (int i = 0; i < domains; i++) {
            email.senderDomain = "sender" + i + "-mail" + tlds[i % tlds.length];
            for (int n = 1 + (random.nextInt(10) == 0 ? random.nextInt(50) : 0); n > 0; n--) {
                email.dkim = random.nextDouble() < 0.06 ? DkimVerdict.FAIL : DkimVerdict.PASS;
                counts.add(email);
            }
        }
        return counts;
    }
}
