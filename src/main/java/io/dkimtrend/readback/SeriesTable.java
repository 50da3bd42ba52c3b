package io.dkimtrend.readback;

import io.dkimtrend.model.Alert;
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

    private static final int BAR_WIDTH = 20;

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
                    day.emails, day.dkimFail, 100 * day.dkimFailRatio, Sparkline.bar(day.dkimFail, maxFail, BAR_WIDTH));
            emails += day.emails;
            failures += day.dkimFail;
        }
        out.printf(Locale.ROOT, "%-21s %8d %8d %6.1f%%%n", "total", emails, failures,
                emails == 0 ? 0.0 : 100.0 * failures / emails);
        out.printf("%-21s %s%n", "dkimFail per day", Sparkline.line(days.stream().map(m -> m.dkimFail).toList()));
    }

    /**
     * The newest record of each alert (series, day, metric), ordered by day and metric: a later record
     * replaces an earlier one, except that a preliminary one never replaces the verdict of a closed day.
     */
    public static List<Alert> newestAlerts(List<Alert> alerts) {
        Map<String, Alert> newest = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            newest.merge(alert.key(), alert, (earlier, later) -> Alert.PRELIMINARY.equals(later.status) ? earlier : later);
        }
        List<Alert> sorted = new ArrayList<>(newest.values());
        sorted.sort(Comparator.comparing((Alert a) -> a.day).thenComparing(a -> a.metric));
        return sorted;
    }

    public static void printAlerts(List<Alert> alerts, PrintStream out) {
        List<Alert> sorted = newestAlerts(alerts);
        out.printf("%nSpike alerts: %d%n", sorted.size());
        for (Alert a : sorted) {
            out.printf(Locale.ROOT, "%-10s %-13s observed %8s expected %8s upper %8s score %6.1f %-6s %s%n",
                    a.day, a.metric, number(a, a.observed), number(a, a.expected), number(a, a.upper), a.score,
                    a.severity, a.status);
        }
    }

    private static String number(Alert alert, double value) {
        return String.format(Locale.ROOT, alert.metric.equals("dkimFailRatio") ? "%.4f" : "%.1f", value);
    }
}
