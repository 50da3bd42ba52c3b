package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.DeadLetter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes a message may start as before the JSON reader sees them; {@code null}: it may read them. */
class MessageLimitsTest {

    @ParameterizedTest(name = "limit {0}, bytes {1} -> {2}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            64 | 7B 7D                   | null
            64 | ''                      | null
            64 | EF BB BF 7B 7D          | null
            64 | 7B C3 A9 7D             | null
            64 | 7B 22 78 22 3A 00 7D    | null
            64 | FE FF 00 7B             | not UTF-8: UTF-16 or UTF-32 text
            64 | FF FE 7B 00             | not UTF-8: UTF-16 or UTF-32 text
            64 | FE FF                   | not UTF-8: UTF-16 or UTF-32 text
            64 | 00 7B                   | not UTF-8: UTF-16 or UTF-32 text
            64 | 7B 00                   | not UTF-8: UTF-16 or UTF-32 text
            64 | 00 00 00 7B             | not UTF-8: UTF-16 or UTF-32 text
            64 | 7B 00 00 00             | not UTF-8: UTF-16 or UTF-32 text
            64 | FE                      | not UTF-8: malformed byte sequence at offset 0
            64 | 7B C3 28 7D             | not UTF-8: malformed byte sequence at offset 1
            64 | 7B C0 AF 7D             | not UTF-8: malformed byte sequence at offset 1
            64 | 7B ED A0 80 7D          | not UTF-8: malformed byte sequence at offset 1
            64 | 7B F4 90 80 80 7D       | not UTF-8: malformed byte sequence at offset 1
            64 | 7B 7D E2 82             | not UTF-8: malformed byte sequence at offset 2
            4  | 7B 20 20 7D             | null
            4  | 7B 20 20 20 7D          | message of 5 bytes exceeds the limit of 4 bytes
            2  | FE FF 00 7B             | message of 4 bytes exceeds the limit of 2 bytes
            """)
    void refusesWhatMustNotBeReadAsJson(int maxMessageBytes, String hex, String reason) {
        DeadLetter refusal = new MessageLimits(maxMessageBytes).refusal(bytes(hex), "events/0/7");
        assertThat(refusal == null ? null : refusal.reason).isEqualTo(reason);
    }

    private static byte[] bytes(String hex) {
        String[] pairs = hex.isBlank() ? new String[0] : hex.trim().split("\\s+");
        byte[] bytes = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            bytes[i] = (byte) Integer.parseInt(pairs[i], 16);
        }
        return bytes;
    }
}
