package io.dkimtrend.parse;

import static io.dkimtrend.parse.MessageParserTest.FAIL;
import static io.dkimtrend.parse.MessageParserTest.envelope;
import static io.dkimtrend.parse.MessageParserTest.parse;
import static io.dkimtrend.parse.MessageParserTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.SourceItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sender domain the parser gives each row, from the columns as Defender writes them. */
class SenderDomainsTest {

    @ParameterizedTest(name = "SenderFromDomain {0}, SenderFromAddress {1} -> {2}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            tailspin.io          | billing@tailspin.io      | tailspin.io
            Tailspin.IO          | billing@tailspin.io      | tailspin.io
            tailspin.io.         | billing@tailspin.io      | tailspin.io
            ' tailspin.io. '     | null                     | tailspin.io
            tailspin.io..        | null                     | tailspin.io
            null                 | Billing@Mail.Tailspin.IO | mail.tailspin.io
            ''                   | billing@tailspin.io.     | tailspin.io
            .                    | billing@tailspin.io      | tailspin.io
            absent               | billing@tailspin.io      | tailspin.io
            null                 | "odd@name"@tailspin.io   | tailspin.io
            null                 | no-at-sign               | null
            null                 | null                     | null
            null                 | absent                   | null
            fabrikam.com         | billing@tailspin.io      | fabrikam.com
            """)
    void theDomainIsTheVisibleFromLowerCasedWithoutTrailingDot(String fromDomain, String fromAddress, String expected) {
        String row = "{\"Timestamp\":\"2026-11-03T10:00:00Z\",\"AuthenticationDetails\":" + FAIL
                + column("SenderFromDomain", fromDomain) + column("SenderFromAddress", fromAddress) + "}";
        for (String message : new String[] {row, record("AdvancedHunting-EmailEvents", row),
                envelope(record("AdvancedHunting-EmailEvents", row))}) {
            assertThat(parse(message)).singleElement()
                    .satisfies(item -> assertThat(domainOf(item)).isEqualTo(expected));
        }
    }

    private static String domainOf(SourceItem item) {
        return item.email.senderDomain;
    }

    private static String column(String name, String value) {
        if ("absent".equals(value)) return "";
        return ",\"" + name + "\":" + (value == null ? "null" : "\"" + value.replace("\"", "\\\"") + "\"");
    }
}
