package io.dkimtrend.sink;

import io.dkimtrend.model.DayMetric;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The daily series as a table for a terminal: the newest final record of each series and day. */
public final class SeriesTable {

    private static final int BAR_WIDTH = 30;

    private SeriesTable() {}

    /** Keeps, per series and day, the final record with the highest revision, ordered by series and day. */
    public static List<DayMetric> newestFinal(Collection<DayMetric> records) {
        Map<String, DayMetric> newest = new LinkedHashMap<>();
        for (DayMetric record : records) {
            if (!record.isFinal) continue;
            newest.merge(record.key(), record, (a, b) -> b.revision > a.revision ? b : a);
        }
        List<DayMetric> days = new ArrayList<>(newest.values());
        days.sort(Comparator.comparing((DayMetric m) -> m.series).thenComparing(m -> m.day));
        return days;
    }

    public static void print(List<DayMetric> days, PrintStream out) {
        long maxFail = days.stream().mapToLong(m -> m.dkimFail).max().orElse(0);
        String zone = days.isEmpty() ? "" : days.get(0).zone;
        out.printf("Daily DKIM failures (%s days, zone %s)%n", days.size(), zone);
        out.printf("%-6s %-10s %-3s %8s %8s %7s  %s%n", "series", "day", "", "emails", "dkimFail", "ratio", "dkimFail");
        long emails = 0;
        long failures = 0;
        for (DayMetric day : days) {
            String weekday = LocalDate.parse(day.day).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            out.printf(Locale.ROOT, "%-6s %-10s %-3s %8d %8d %6.1f%%  %s%n", day.series, day.day, weekday,
                    day.emails, day.dkimFail, 100 * day.dkimFailRatio, bar(day.dkimFail, maxFail));
            emails += day.emails;
            failures += day.dkimFail;
        }
        out.printf(Locale.ROOT, "%-21s %8d %8d %6.1f%%%n", "total", emails, failures,
                emails == 0 ? 0.0 : 100.0 * failures / emails);
    }

    private static String bar(long value, long max) {
        int width = max == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * value / max);
        return "#".repeat(width);
    }
}
