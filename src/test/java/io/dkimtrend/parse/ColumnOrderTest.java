package io.dkimtrend.parse;

import static io.dkimtrend.parse.MessageParserTest.FAIL;
import static io.dkimtrend.parse.MessageParserTest.PASS;
import static io.dkimtrend.parse.MessageParserTest.envelope;
import static io.dkimtrend.parse.MessageParserTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.SourceItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parser learns the column order of the rows it reads (the order Defender writes them in) and
 * reads a row in any other order exactly as a parser that never saw a row before it.
 */
class ColumnOrderTest {

    private static final String T = "\"Timestamp\":\"2026-11-03T10:00:00Z\"";
    private static final String N = "\"NetworkMessageId\":\"m1\"";
    private static final String R = "\"RecipientEmailAddress\":\"Ann@Contoso.com\"";
    private static final String D = "\"SenderFromDomain\":\"Contoso.com\"";
    private static final String S = "\"SenderFromAddress\":\"x@fabrikam.com\"";
    private static final String A = "\"AuthenticationDetails\":" + FAIL;
    private static final String U = "\"Subject\":\"Invoice\"";

    /** Rows of one envelope each, in the order a long-running reader would meet them. */
    private static final List<String> ROWS = List.of(
            row(T, N, U, D, R, A),
            row(T, N, U, D, R, A),
            row(A, R, D, U, N, T),
            row(T, N, D, R, A),
            row(T, N, U, "\"Extra\":{\"a\":[1,2]}", D, R, A),
            row(T),
            row(T, N, U, D, R, "\"AuthenticationDetails\":" + PASS),
            row(T, N, U, S, R, A),
            row(T, N, U, D, R, A, "\"TenantId\":\"t9\""),
            row("\"Time\\u0073tamp\":\"2026-11-04T10:00:00Z\"", N, U, D, R, A),
            row(T, N, U, D, R, A, "\"Timestamp\":\"2026-11-05T10:00:00Z\""),
            row(T, N, U, D, "\"RecipientEmailAddress\":null", A),
            row(T, N, U, D, R, "\"AuthenticationDetails\":{\"DKIM\":\"fail\"}"),
            row(),
            row("\"timestamp\":\"2026-11-03T10:00:00Z\"", N, U, D, R, A),
            row(T, N, U, D, R, A));

    @Test
    void oneParserReadsEveryOrderAsAFreshParserDoes() {
        List<String> fresh = new ArrayList<>();
        for (String row : ROWS) {
            fresh.add(describe(parse(new MessageParser(), row)));
        }
        MessageParser shared = new MessageParser();
        for (int round = 0; round < 3; round++) {
            List<String> read = new ArrayList<>();
            for (String row : ROWS) {
                read.add(describe(parse(shared, row)));
            }
            assertThat(read).containsExactlyElementsOf(fresh);
        }
        List<String> reversedRows = new ArrayList<>(ROWS);
        Collections.reverse(reversedRows);
        List<String> reversedFresh = new ArrayList<>(fresh);
        Collections.reverse(reversedFresh);
        List<String> read = new ArrayList<>();
        for (String row : reversedRows) {
            read.add(describe(parse(shared, row)));
        }
        assertThat(read).containsExactlyElementsOf(reversedFresh);
    }

    @Test
    void theFreshReadsAreWhatTheColumnsSay() {
        List<String> fresh = new ArrayList<>();
        for (String row : ROWS.subList(0, 4)) {
            fresh.add(describe(parse(new MessageParser(), row)));
        }
        assertThat(fresh).containsExactly(
                "email 2026-11-03T10:00:00Z FAIL contoso.com t1 identity",
                "email 2026-11-03T10:00:00Z FAIL contoso.com t1 identity",
                "email 2026-11-03T10:00:00Z FAIL contoso.com t1 identity",
                "email 2026-11-03T10:00:00Z FAIL contoso.com t1 identity");
    }

    private static String row(String... columns) {
        return envelope(record("AdvancedHunting-EmailEvents", "{" + String.join(",", columns) + "}"));
    }

    private static List<SourceItem> parse(MessageParser parser, String message) {
        List<SourceItem> items = new ArrayList<>();
        parser.parse(message.getBytes(StandardCharsets.UTF_8), "events:1", items::add);
        return items;
    }

    private static String describe(List<SourceItem> items) {
        StringBuilder text = new StringBuilder();
        for (SourceItem item : items) {
            if (item.email != null) {
                text.append("email ").append(Instant.ofEpochMilli(item.email.eventTime)).append(' ').append(item.email.dkim).append(' ')
                        .append(item.email.senderDomain).append(' ').append(item.email.tenantId).append(' ')
                        .append(item.email.hasIdentity() ? "identity" : "none");
            } else if (item.deadLetter != null) {
                text.append("dead ").append(item.deadLetter.reason);
            } else {
                text.append("skipped ").append(item.skippedRecords);
            }
        }
        return text.toString();
    }
}
