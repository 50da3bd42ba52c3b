package io.dkimtrend.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DayDomains;
import io.dkimtrend.model.DomainFailures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A domain's expected failures from the remembered top lists of 14 flat baseline days (every
 * weekday alike): its median; when it is missing from a day, 0 if that day's list was complete,
 * else the list's last count.
 */
class DomainDriversTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 16); // a Monday

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a new sender, complete lists           | true  | new=30 old=5                  | new 30 0.0
            a new sender, cut lists (last one: 2)  | false | new=30 old=5                  | new 30 2.0
            the largest rise first                 | true  | old=20 new=18                 | new 18 0.0, old 20 5.0
            none above its own baseline            | true  | old=5 steady=1                | -
            five named at most                     | true  | a=9 b=8 c=7 d=6 e=5 f=4 old=5 | a 9 0.0, b 8 0.0, c 7 0.0, d 6 0.0, e 5 0.0
            """)
    void driversAreTheLargestRisesAgainstTheirOwnBaseline(String name, boolean complete, String today,
            String expected) {
        TreeMap<LocalDate, DayDomains> history = new TreeMap<>();
        TreeMap<LocalDate, long[]> volumes = new TreeMap<>();
        for (int i = 1; i <= 14; i++) {
            List<DomainFailures> top = new ArrayList<>(List.of(new DomainFailures("old", 5, 50),
                    new DomainFailures("steady", 2, 2)));
            history.put(DAY.minusDays(i), new DayDomains(top, complete));
            volumes.put(DAY.minusDays(i), new long[] {1000, 7});
        }
        List<DomainFailures> listed = new ArrayList<>();
        for (String entry : today.split(" ")) {
            String[] parts = entry.split("=");
            listed.add(new DomainFailures(parts[0], Long.parseLong(parts[1]), 100));
        }
        listed.sort(DomainFailures.RANKING);

        var drivers = DomainDrivers.of(DAY, listed, history, new WeekdayBaseline(volumes));

        assertThat(drivers.isEmpty() ? "-" : String.join(", ",
                drivers.stream().map(d -> d.domain + " " + d.dkimFail + " " + d.expected).toList()))
                .isEqualTo(expected);
    }
}
