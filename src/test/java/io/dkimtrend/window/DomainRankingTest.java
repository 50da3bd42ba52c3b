package io.dkimtrend.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DomainFailures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A day's top list: most failures first, ties by emails then name, cut at N, never a domain without failure. */
class DomainRankingTest {

    @ParameterizedTest(name = "{0} top {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a=5/9 b=7/7 c=1/1                   | 10 | b=7/7 a=5/9 c=1/1
            a=5/9 b=7/7 c=1/1                   | 2  | b=7/7 a=5/9
            a=5/9 b=7/7 c=1/1                   | 1  | b=7/7
            x=3/5 y=3/8 z=3/5                   | 3  | y=3/8 x=3/5 z=3/5
            x=3/5 y=3/8 z=3/5                   | 2  | y=3/8 x=3/5
            z=1/1 y=1/1 x=1/1 w=1/1 v=1/1       | 3  | v=1/1 w=1/1 x=1/1
            quiet.com=0/40 a=1/1                | 10 | a=1/1
            quiet.com=0/40                      | 10 | -
            a=5/9 b=7/7                         | 0  | -
            """)
    void theTopListIsOrderedByFailuresThenEmailsThenNameAndCutAtN(String counts, int limit, String expected) {
        Map<String, long[]> domains = new HashMap<>();
        for (String entry : counts.split(" ")) {
            String[] parts = entry.split("[=/]");
            domains.put(parts[0], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
        List<DomainFailures> top = DomainRanking.top(domains, limit);
        assertThat(top.isEmpty() ? "-" : String.join(" ",
                top.stream().map(d -> d.domain + "=" + d.dkimFail + "/" + d.emails).toList())).isEqualTo(expected);
        assertThat(DomainRanking.failing(domains))
                .isEqualTo((int) Arrays.stream(counts.split(" ")).filter(e -> !e.contains("=0/")).count());
    }
}
