package io.dkimtrend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlagValuesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            30 s   | PT30S
            10 min | PT10M
            6 h    | PT6H
            36 h   | PT36H
            2 d    | PT48H
            0 s    | PT0S
            PT10M  | PT10M
            pt6h   | PT6H
            P2D    | PT48H
            """)
    void readsDurationsInFlinksFormAndIso8601(String value, String expected) {
        assertThat(FlagValues.duration(Flag.DEDUP_HORIZON, value)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            soon
            PT
            6 fortnights
            """)
    void aDurationErrorNamesTheFlagAndTheValue(String value) {
        assertThatThrownBy(() -> FlagValues.duration(Flag.DEDUP_HORIZON, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--dedup-horizon: not a duration: " + value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC
            Europe/Berlin
            +02:00
            """)
    void readsZones(String id) {
        assertThat(FlagValues.zone(id)).isEqualTo(ZoneId.of(id));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Mars/Olympus
            Berlin
            """)
    void anUnknownZoneIsAnErrorThatNamesIt(String id) {
        assertThatThrownBy(() -> FlagValues.zone(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--zone: unknown time zone " + id);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            all    | false
            tenant | true
            """)
    void readsSeriesBy(String value, boolean byTenant) {
        assertThat(FlagValues.seriesByTenant(value)).isEqualTo(byTenant);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tenants
            domain
            """)
    void rejectsOtherSeries(String value) {
        assertThatThrownBy(() -> FlagValues.seriesByTenant(value))
                .hasMessage("--series-by must be all or tenant: " + value);
    }
}
