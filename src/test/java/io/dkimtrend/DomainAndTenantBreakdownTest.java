package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.testing.SenderTraffic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated traffic that {@link DomainAndTenantBreakdownIT} runs the whole job on ({@link SenderTraffic})
 * has what its checks need: many sender domains, ties in the day's top lists, and every spelling of a
 * domain the job must bring back to one.
 */
class DomainAndTenantBreakdownTest {

    @TempDir
    static Path data;

    private static SenderTraffic traffic;

    @BeforeAll
    static void generate() throws Exception {
        traffic = SenderTraffic.write(data.resolve("events"), 11);
    }

    @Test
    void theTrafficHasManyDomainsTiesAndEverySpelling() {
        assertThat(traffic.rows().stream().map(SenderTraffic.Row::domain).distinct().count()).isGreaterThan(500);
        assertThat(traffic.rows()).anyMatch(row -> row.domain() == null).anyMatch(SenderTraffic.Row::duplicate);
        assertThat(traffic.truth(true, false).get("all").values().stream().filter(day -> {
            List<String> top = day.top(8);
            return top.size() == 8 && top.get(6).split(" ")[1].equals(top.get(7).split(" ")[1]);
        }).count()).as("days whose 7th and 8th domains tie in failures and emails").isGreaterThan(10);
    }
}
