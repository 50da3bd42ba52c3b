package io.dkimtrend.bench;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.SeriesTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Emails and DKIM failures per UTC day: what every step of the benchmark computes, so that the
 * steps can be checked against each other and against the generator's ground truth. Days without
 * email are left out; the job writes zero records for them, a plain aggregation has no such rows.
 */
final class DailyTotals {

    private record Counts(long emails, long dkimFail) {}

    private final TreeMap<LocalDate, Counts> days = new TreeMap<>();

    void add(LocalDate day, long emails, long dkimFail) {
        if (emails == 0 && dkimFail == 0) {
            return;
        }
        days.merge(day, new Counts(emails, dkimFail),
                (a, b) -> new Counts(a.emails + b.emails, a.dkimFail + b.dkimFail));
    }

    /** The newest final record of each day, as a consumer of the job's output reads it. */
    static DailyTotals ofMetrics(Collection<DayMetric> records) {
        DailyTotals totals = new DailyTotals();
        for (DayMetric day : SeriesTable.newestFinal(records)) {
            totals.add(LocalDate.parse(day.day), day.emails, day.dkimFail);
        }
        return totals;
    }

    /** An expected series written by the sample generator: {@code day,emails,dkimFail,...} with a header. */
    static DailyTotals ofExpectedCsv(Path csv) throws IOException {
        DailyTotals totals = new DailyTotals();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            totals.add(LocalDate.parse(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        }
        return totals;
    }

    long emails() {
        return days.values().stream().mapToLong(Counts::emails).sum();
    }

    /** "equal (41 days, ...)" or the days that differ, the first few of them spelt out. */
    String compare(DailyTotals other) {
        List<String> differences = new ArrayList<>();
        TreeSet<LocalDate> all = new TreeSet<>(days.keySet());
        all.addAll(other.days.keySet());
        for (LocalDate day : all) {
            Counts mine = days.getOrDefault(day, new Counts(0, 0));
            Counts theirs = other.days.getOrDefault(day, new Counts(0, 0));
            if (!mine.equals(theirs)) {
                differences.add(String.format(Locale.ROOT, "%s %d/%d vs %d/%d", day, mine.emails, mine.dkimFail,
                        theirs.emails, theirs.dkimFail));
            }
        }
        if (differences.isEmpty()) {
            return "equal (" + summary() + ")";
        }
        return String.format(Locale.ROOT, "DIFFER on %d of %d days (emails/dkimFail): %s%s", differences.size(),
                all.size(), String.join(", ", differences.subList(0, Math.min(3, differences.size()))),
                differences.size() > 3 ? ", ..." : "");
    }

    private String summary() {
        long failures = days.values().stream().mapToLong(Counts::dkimFail).sum();
        return String.format(Locale.ROOT, "%d days, %,d emails, %,d DKIM failures", days.size(), emails(), failures);
    }
}
