package io.dkimtrend.readback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparklineTest {

    @ParameterizedTest(name = "{0} of {1} in {2} cells: \"{3}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0   | 100 | 10 | ""
            5   | 0   | 10 | ""
            100 | 100 | 10 | ██████████
            50  | 100 | 10 | █████
            55  | 100 | 10 | █████▌
            1   | 100 | 10 | ▏
            12  | 100 | 10 | █▎
            99  | 100 | 4  | ████
            150 | 100 | 4  | ████
            3   | 8   | 1  | ▍
            """)
    void barsGrowInEighthsOfACell(long value, long max, int width, String expected) {
        assertThat(Sparkline.bar(value, max, width)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                      | ""
            0 0 0                   | "   "
            1 2 3 4 5 6 7 8         | ▁▂▃▄▅▆▇█
            10 0 80                 | ▁ █
            57 10 12 0 58 11        | █▂▂ █▂
            1 1000                  | ▁█
            """)
    void aLineHasOneColumnPerValueAndZeroIsBlank(String values, String expected) {
        List<Long> numbers = values.isBlank() ? List.of()
                : Arrays.stream(values.trim().split("\\s+")).map(Long::valueOf).toList();
        assertThat(Sparkline.line(numbers)).isEqualTo(expected);
    }
}
