package io.dkimtrend.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code events/advanced-hunting/emailevents-query-N.ndjson}: rows as an Advanced Hunting query
 * exports them: flat columns without envelope, category or export time, sorted by Timestamp. The
 * second query covers the last five days, most of whose rows come only this way, so a job must
 * combine this shape with the others to get those days right.
 */
final class AdvancedHuntingWriter {

    static final String FIRST_QUERY = "events/advanced-hunting/emailevents-query-1.ndjson";
    static final String SECOND_QUERY = "events/advanced-hunting/emailevents-query-2.ndjson";

    private final Path out;
    private final Instant secondQueryStart;
    private final MalformedLines malformed;

    AdvancedHuntingWriter(Path out, Instant secondQueryStart, MalformedLines malformed) {
        this.out = out;
        this.secondQueryStart = secondQueryStart;
        this.malformed = malformed;
    }

    void write(List<EmailRow> emails, List<Redelivery> redeliveries) throws IOException {
        record Row(Instant timestamp, long seq, JsonNode properties) {}
        List<Row> rows = new ArrayList<>();
        for (EmailRow e : emails) {
            if (e.shape == OutputShape.ADVANCED_HUNTING) rows.add(new Row(e.timestamp, e.seq, e.properties));
        }
        for (Redelivery x : redeliveries) {
            if (x.shape == OutputShape.ADVANCED_HUNTING) rows.add(new Row(x.original.timestamp, x.seq, x.properties));
        }
        rows.sort(Comparator.comparing(Row::timestamp).thenComparingLong(Row::seq));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (Row row : rows) {
            (row.timestamp().isBefore(secondQueryStart) ? first : second).add(TextOutput.json(row.properties()));
        }
        malformed.insertIntoAdvancedHunting(first, FIRST_QUERY, second, SECOND_QUERY,
                secondQueryStart.minus(Duration.ofDays(3)));
        TextOutput.writeLines(out.resolve(FIRST_QUERY), first, "\n", false);
        TextOutput.writeLines(out.resolve(SECOND_QUERY), second, "\n", false);
    }
}
