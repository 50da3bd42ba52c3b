package io.dkimtrend.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dkimtrend.sample.GroundTruth.DeadLetter;
import io.dkimtrend.sample.GroundTruth.DeadLetterPlace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code expected/}: what a correct job reports for the input written beside it. The daily
 * series as CSV, the record accounting as {@code counts.json} for tests, and a README for people
 * that says how every number was counted and how to make the input again.
 */
final class ExpectedFiles {

    /** File name, zone, deduplicated. */
    private static final String[][] SERIES_FILES = {
        {"daily-utc-dedup.csv", "UTC", "true"}, {"daily-utc-raw.csv", "UTC", "false"},
        {"daily-europe-berlin-dedup.csv", "Europe/Berlin", "true"},
        {"daily-europe-berlin-raw.csv", "Europe/Berlin", "false"}};

    static final String COUNTS_FILE = "counts.json";

    private ExpectedFiles() {}

    static void write(Path out, SampleSettings settings, GroundTruth truth) throws IOException {
        Path expected = out.resolve("expected");
        Files.createDirectories(expected);
        for (String[] file : SERIES_FILES) {
            ZoneId zone = file[1].equals("UTC") ? ZoneOffset.UTC : ZoneId.of(file[1]);
            truth.writeCsv(expected.resolve(file[0]), zone, Boolean.parseBoolean(file[2]));
        }
        TextOutput.writeLines(expected.resolve(COUNTS_FILE), List.of(countsJson(truth)), "\n", false);
        TextOutput.writeLines(expected.resolve("README.md"), readme(settings, truth), "\n", false);
    }

    /** The counts of the README's table, every dead-letter kind included (0 too) so that the keys never vary. */
    private static String countsJson(GroundTruth truth) {
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        counts.put("emailRows", truth.size());
        counts.put("distinctEmails", truth.distinctEmails());
        counts.put("duplicates", truth.duplicates());
        counts.put("rowsWithoutIdentity", truth.withoutIdentity());
        counts.put("otherTableRecords", truth.otherTableRecords());
        counts.put("deadLetters", truth.deadLetterTotal());
        ObjectNode byKind = counts.putObject("deadLettersByKind");
        for (Map.Entry<DeadLetter, Integer> kind : truth.deadLetters().entrySet()) {
            byKind.put(kind.getKey().name(), kind.getValue());
        }
        // an explicit LF indenter: the default one writes the platform's line separator
        Separators separators =
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readme(SampleSettings settings, GroundTruth truth) {
        boolean recordsMode = settings.recordsMode();
        List<String> lines = new ArrayList<>();
        lines.add("# Expected daily DKIM series of " + (recordsMode ? "a benchmark input" : "the sample events"));
        lines.add("");
        lines.add("Written by `io.dkimtrend.sample.SampleGenerator` together with the input it describes; do not edit "
                + "by hand.");
        if (!recordsMode) {
            lines.add("`SampleGeneratorTest` regenerates the bundle and requires it to equal the committed one byte "
                    + "for byte (gzip files compared by content).");
        }
        lines.add("Run from the project folder:");
        lines.add("");
        lines.add("    " + SampleGenerator.command(settings, recordsMode));
        lines.add("");
        lines.add("Settings: start " + settings.start() + ", " + settings.days() + " days, seed " + settings.seed()
                + ", about " + settings.weekdayEmails() + " emails a weekday"
                + (recordsMode ? ", about " + settings.records() + " EmailEvents rows" : "") + ". Connector outage: "
                + settings.outageDay().map(Object::toString).orElse("none") + "; DKIM-failure spikes: "
                + settings.spikeDays() + ".");
        lines.add("");
        lines.add("## Files");
        lines.add("");
        lines.add("| file | what |");
        lines.add("| --- | --- |");
        lines.add("| `daily-utc-dedup.csv` | per UTC calendar day, each email (NetworkMessageId + RecipientEmailAddress) "
                + "counted once |");
        lines.add("| `daily-utc-raw.csv` | per UTC calendar day, every EmailEvents row counted, re-deliveries "
                + "included |");
        lines.add("| `daily-europe-berlin-dedup.csv` | as `daily-utc-dedup.csv`, per Europe/Berlin calendar day "
                + "(CEST, UTC+2, until 2026-10-25 01:00 UTC; CET, UTC+1, after) |");
        lines.add("| `daily-europe-berlin-raw.csv` | as `daily-utc-raw.csv`, per Europe/Berlin calendar day |");
        lines.add("| `" + COUNTS_FILE + "` | the counts of the table under Counts, machine-readable |");
        lines.add("");
        lines.add("Columns: `" + GroundTruth.CSV_HEADER + "`. `emails` counts EmailEvents rows; `dkimFail` those "
                + "whose DKIM verdict is fail; `emails` = `dkimFail` + `dkimPass` + `dkimNone` + `dkimOther`. Every day "
                + "from the first to the last with an email has a line; a day without email has zeros.");
        lines.add("");
        lines.add("`" + COUNTS_FILE + "` holds `emailRows` (EmailEvents rows that count, re-deliveries included), "
                + "`distinctEmails` (rows after deduplication: the sum of `emails` in a dedup file), `duplicates` "
                + "(`emailRows` - `distinctEmails`), `rowsWithoutIdentity`, `otherTableRecords` (records of other "
                + "tables, to be skipped), `deadLetters` and `deadLettersByKind` (every kind, 0 included). Every "
                + "record a job reads is accounted for exactly once: records in = `distinctEmails` + `duplicates` + "
                + "`otherTableRecords` + `deadLetters`, where a message that is dead-lettered whole (not JSON, cut "
                + "off, an array, an unknown shape) is one record whatever it holds. The job's metrics then read "
                + "`emailRecords` = `emailRows`, `skippedRecords` = `otherTableRecords`, `deadLetters` = "
                + "`deadLetters` and, deduplicating, `duplicatesDropped` = `duplicates`.");
        lines.add("");
        lines.add("## How rows are counted");
        lines.add("");
        lines.add("- The day is the calendar day of the row's `Timestamp` in the zone of the file. `Timestamp` comes "
                + "as `2026-10-03T14:08:56Z`, with 7 fractional digits, with an offset (`+02:00`, `-05:00`) or "
                + "without zone, which means UTC.");
        lines.add("- DKIM bucket, from `AuthenticationDetails` (a JSON-encoded string, or a JSON object): `fail` iff "
                + "its key `DKIM` equals \"fail\" ignoring case; `pass` iff \"pass\" ignoring case; `none` if it is "
                + "\"none\", or the column is null, empty, not JSON or has no `DKIM` key; `other` for any other value "
                + "(temperror, permerror, ...). Text in other columns (a Subject quoting `\"DKIM\":\"fail\"`) does not "
                + "count.");
        lines.add("- Identity: NetworkMessageId + \"|\" + RecipientEmailAddress, lower-cased. The dedup files count "
                + "the first row of each identity; a row missing either column has no identity and always counts. "
                + "Re-deliveries keep Timestamp and AuthenticationDetails, so which copy is first does not matter.");
        lines.add("- Only records of category `AdvancedHunting-EmailEvents` count, and records without category "
                + "(bare records and flat Advanced Hunting rows); other tables are skipped.");
        lines.add("");
        lines.add("## Input");
        lines.add("");
        if (recordsMode) {
            lines.add("- `" + RecordsFile.fileName(settings.records()) + "`: Event Hubs envelopes "
                    + "`{\"records\":[...]}`, 1-50 records each, one per line; no dead letters.");
        } else {
            lines.add("- `events/eventhubs/partition-N.ndjson`: Event Hubs envelopes `{\"records\":[...]}`, one per "
                    + "line, 1-50 records of one tenant within three minutes, EmailEvents mixed with EmailUrlInfo, "
                    + "EmailAttachmentInfo and DeviceEvents; one envelope of " + SampleGenerator.BIG_ENVELOPE_RECORDS
                    + " records (a spoofing campaign's EmailEvents with DeviceEvents of the same minutes) and one "
                    + "row with a " + SampleGenerator.HUGE_SUBJECT_CHARS / 1024 + " KB Subject, both ordinary input.");
            lines.add("- `events/storage/tenantId=<tid>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`: storage-account "
                    + "exports, one bare record per line, CRLF line ends, hour folders by Timestamp (UTC); one hour "
                    + "gzip-compressed (`PT1H.json.gz`), one continued in `PT1H_1.json`; some records lack "
                    + "`category`.");
            lines.add("- `events/advanced-hunting/emailevents-query-N.ndjson`: flat EmailEvents rows, columns at top "
                    + "level.");
        }
        lines.add("");
        lines.add("## Counts");
        lines.add("");
        lines.add("| what | count |");
        lines.add("| --- | --- |");
        lines.add("| EmailEvents rows (raw) | " + truth.size() + " |");
        lines.add("| re-deliveries (raw minus dedup) | " + truth.duplicates() + " |");
        lines.add("| rows without identity | " + truth.withoutIdentity() + " |");
        lines.add("| records of other tables (skipped) | " + truth.otherTableRecords() + " |");
        lines.add("| dead letters: each bad line or record as often as it occurs (a bad record sent again counts "
                + "again) | " + truth.deadLetterTotal() + " |");
        for (Map.Entry<DeadLetter, Integer> kind : truth.deadLetters().entrySet()) {
            if (kind.getValue() > 0) {
                lines.add("| - " + kind.getKey() + ": " + kind.getKey().description().replace("|", "\\|") + " | "
                        + kind.getValue() + " |");
            }
        }
        if (!truth.deadLetterPlaces().isEmpty()) {
            lines.add("");
            lines.add("Dead letters by file (a correct job counts none of them and keeps every other line of the "
                    + "same file):");
            lines.add("");
            for (DeadLetterPlace place : truth.deadLetterPlaces()) {
                lines.add("- " + place.kind() + ": `" + place.file() + "`");
            }
        }
        return lines;
    }
}
