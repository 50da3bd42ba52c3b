package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.MetricsFiles;
import io.dkimtrend.readback.SeriesTable;
import io.dkimtrend.testing.SenderTraffic;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole job on generated traffic of many sender domains and three tenants ({@link SenderTraffic}):
 * every day's top list of sender domains and every tenant's series equal an independent count of what
 * the generator wrote, and the alert of a one-sender spike names that sender first. That the traffic
 * has what these checks need (many domains, ties, every spelling) is {@link DomainAndTenantBreakdownTest}.
 */
class DomainAndTenantBreakdownIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    @TempDir
    static Path data;

    private static SenderTraffic traffic;

    @TempDir
    Path out;

    @BeforeAll
    static void generate() throws Exception {
        traffic = SenderTraffic.write(data.resolve("events"), 11);
    }

    @ParameterizedTest(name = "{0}, top {1}, series by {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dedup | 7      | tenant
            raw   | 7      | tenant
            dedup | 100000 | all
            """)
    void everyDaysCountsAndTopDomainsEqualAnIndependentCount(String dedup, int top, String seriesBy) throws Exception {
        List<String> args = new ArrayList<>(List.of("--events", data.resolve("events").toString(), "--parallelism", "2",
                "--top-domains", Integer.toString(top), "--series-by", seriesBy,
                "--metrics-file", out.resolve("metrics").toString(), "--alerts-file", out.resolve("alerts").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));
        if (dedup.equals("raw")) args.add("--no-dedup");

        DkimTrendJob.run(JobConfig.fromArgs(args.toArray(String[]::new)));

        Map<String, String> expected = new TreeMap<>();
        traffic.truth(dedup.equals("dedup"), seriesBy.equals("tenant")).forEach((series, days) -> days.forEach(
                (day, c) -> expected.put(series + "/" + day,
                        c.emails + " " + c.dkimFail + " " + c.failingDomains() + " " + c.top(top))));
        Map<String, String> actual = new TreeMap<>();
        for (DayMetric m : SeriesTable.newestFinal(MetricsFiles.read(out.resolve("metrics")))) {
            actual.put(m.key(), m.emails + " " + m.dkimFail + " " + m.failingDomains + " " + m.topDkimFailDomains);
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
        if (seriesBy.equals("tenant")) {
            assertThat(actual).as("tenant B's pause and tenant C's weekends are zero days")
                    .containsEntry(SenderTraffic.TENANT_B + "/2026-09-18", "0 0 0 []")
                    .containsEntry(SenderTraffic.TENANT_C + "/2026-09-13", "0 0 0 []")
                    .doesNotContainKey(SenderTraffic.TENANT_B + "/2026-09-08");
        }
    }

    @Test
    void theAlertOfAOneSenderSpikeNamesThatSenderFirst() throws Exception {
        DkimTrendJob.run(JobConfig.fromArgs("--events", data.resolve("events").toString(), "--parallelism", "2",
                "--series-by", "tenant", "--metrics-file", out.resolve("metrics").toString(),
                "--alerts-file", out.resolve("alerts").toString(),
                "--dead-letter-file", out.resolve("dead-letters").toString()));

        List<Alert> alerts = SeriesTable.newestAlerts(MetricsFiles.read(out.resolve("alerts"), Alert.class));
        String spike = SenderTraffic.SPIKE.toString();
        long spoofed = traffic.truth(true, false).get("all").get(SenderTraffic.SPIKE).domains.get(SenderTraffic.SPOOF)[0];
        assertThat(alerts).filteredOn(a -> a.series.equals("all"))
                .extracting(a -> a.key() + " " + a.status)
                .contains("all/" + spike + "/dkimFail confirmed")
                .allSatisfy(key -> assertThat(key).startsWith("all/" + spike + "/"));
        assertThat(alerts).filteredOn(a -> a.day.equals(spike) && a.series.equals("all")).allSatisfy(alert -> {
            assertThat(alert.drivers).first().satisfies(driver -> {
                assertThat(driver.domain).isEqualTo(SenderTraffic.SPOOF);
                assertThat(driver.dkimFail).isEqualTo(spoofed);
                assertThat(driver.expected).isZero();
            });
            assertThat(alert.drivers).extracting(d -> d.domain).doesNotContain(SenderTraffic.BULK);
        });
        DayMetric spikeDay = SeriesTable.newestFinal(MetricsFiles.read(out.resolve("metrics"))).stream()
                .filter(m -> m.key().equals("all/" + spike)).findFirst().orElseThrow();
        assertThat(spikeDay.topDkimFailDomains).extracting(d -> d.domain).as("the bulk mailer fails most")
                .startsWith(SenderTraffic.BULK, SenderTraffic.SPOOF);
        assertThat(alerts).filteredOn(a -> a.series.equals(SenderTraffic.TENANT_A) && a.day.equals(spike))
                .isNotEmpty().allSatisfy(a -> assertThat(a.drivers.get(0).domain).isEqualTo(SenderTraffic.SPOOF));
    }
}
