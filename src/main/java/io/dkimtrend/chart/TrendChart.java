package io.dkimtrend.chart;

import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.readback.SeriesTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The daily series as the time chart the Sentinel query's {@code render timechart} shows: per day,
 * all emails as a bar with the DKIM failures in front of it, the failure ratio as a line on a second
 * axis, and the days with a spike alert shaded.
 *
 * <p>Days are calendar days of the series' zone; each is placed at its date on a UTC axis, so a
 * 23- or 25-hour day of a clock change is as wide as any other.
 */
public final class TrendChart {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final Color EMAILS = new Color(0xB8C7D9);
    private static final Color FAILURES = new Color(0xC0392B);
    private static final Color RATIO = new Color(0x1F3A5F);
    private static final Color ALERT = new Color(255, 165, 0, 70);
    private static final Color ALERT_LABEL = new Color(0xA04000);

    static {
        // Charts are drawn on servers and in CI, without a display; AWT reads this once, at first use.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TrendChart() {}

    /**
     * The chart of the newest final record of each day and the newest record of each alert (withdrawn
     * alerts are not marked). Takes the records as a run or a topic left them: older revisions, running
     * records and preliminary alerts included.
     */
    public static JFreeChart of(Collection<DayMetric> records, List<Alert> alertRecords) {
        List<DayMetric> days = SeriesTable.newestFinal(records);
        Map<LocalDate, String> alertDays = alertDays(SeriesTable.newestAlerts(alertRecords));

        XYSeries emails = new XYSeries("emails");
        XYSeries failures = new XYSeries("DKIM failures");
        XYSeries ratio = new XYSeries("DKIM failure ratio (right axis)");
        for (DayMetric day : days) {
            double x = middleOf(LocalDate.parse(day.day));
            emails.add(x, day.emails);
            failures.add(x, day.dkimFail);
            // a day without email has no ratio: a gap in the line, not a fall to 0 %
            ratio.add(x, day.emails == 0 ? null : (Number) day.dkimFailRatio);
        }

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(dayAxis());
        plot.setDataset(0, bars(emails, failures));
        plot.setRenderer(0, barRenderer());
        plot.setRangeAxis(0, new NumberAxis("emails per day"));
        plot.setDataset(1, new XYSeriesCollection(ratio));
        plot.setRenderer(1, lineRenderer());
        NumberAxis ratioAxis = new NumberAxis("DKIM failure ratio");
        ratioAxis.setNumberFormatOverride(percent());
        plot.setRangeAxis(1, ratioAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        // the line in front of the bars, and each day's failures in front of its emails
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        alertDays.forEach((day, label) -> plot.addDomainMarker(alertMarker(day, label), Layer.BACKGROUND));
        plot.setFixedLegendItems(legend(plot.getLegendItems()));

        JFreeChart chart = new JFreeChart(title(days), new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
        chart.addSubtitle(new TextTitle(summary(days, alertDays.size()), new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static String title(List<DayMetric> days) {
        if (days.isEmpty()) {
            return "DKIM failures per day: no closed day yet";
        }
        return "DKIM failures per day, " + days.get(0).day + " to " + days.get(days.size() - 1).day
                + " (" + days.get(0).zone + ")";
    }

    static String summary(List<DayMetric> days, int alertDays) {
        long emails = days.stream().mapToLong(d -> d.emails).sum();
        long failures = days.stream().mapToLong(d -> d.dkimFail).sum();
        return String.format(Locale.ROOT, "%,d emails, %,d DKIM failures (%.1f %%) in %d days; %d %s with a spike alert",
                emails, failures, emails == 0 ? 0.0 : 100.0 * failures / emails, days.size(), alertDays,
                alertDays == 1 ? "day" : "days");
    }

    /** Each day with a confirmed or preliminary alert, labelled with its highest severity. */
    private static Map<LocalDate, String> alertDays(List<Alert> alerts) {
        Map<LocalDate, String> days = new TreeMap<>();
        for (Alert alert : alerts) {
            if (Alert.WITHDRAWN.equals(alert.status)) continue;
            String label = alert.severity + (Alert.PRELIMINARY.equals(alert.status) ? " (preliminary)" : "");
            days.merge(LocalDate.parse(alert.day), label, (a, b) -> a.startsWith("high") ? a : b);
        }
        return days;
    }

    private static XYSeriesCollection bars(XYSeries emails, XYSeries failures) {
        XYSeriesCollection bars = new XYSeriesCollection();
        bars.addSeries(emails);
        bars.addSeries(failures);
        bars.setIntervalWidth(0.8 * DAY_MILLIS);
        return bars;
    }

    private static XYBarRenderer barRenderer() {
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, EMAILS);
        renderer.setSeriesPaint(1, FAILURES);
        return renderer;
    }

    private static XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, RATIO);
        renderer.setSeriesStroke(0, new BasicStroke(2.0f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        return renderer;
    }

    private static DateAxis dayAxis() {
        TimeZone utc = TimeZone.getTimeZone("UTC");
        DateAxis axis = new DateAxis("day", utc, Locale.ROOT);
        SimpleDateFormat format = new SimpleDateFormat("EEE MMM d", Locale.ROOT);
        format.setTimeZone(utc);
        axis.setDateFormatOverride(format);
        axis.setLowerMargin(0.01);
        axis.setUpperMargin(0.01);
        return axis;
    }

    private static IntervalMarker alertMarker(LocalDate day, String severity) {
        IntervalMarker marker = new IntervalMarker(startOf(day), startOf(day) + DAY_MILLIS, ALERT);
        marker.setLabel("spike " + day.getMonthValue() + "/" + day.getDayOfMonth() + " " + severity);
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        marker.setLabelPaint(ALERT_LABEL);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(RectangleAnchor.TOP);
        marker.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        return marker;
    }

    private static LegendItemCollection legend(LegendItemCollection items) {
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(items);
        legend.add(new LegendItem("day with a spike alert", null, null, null,
                new Rectangle2D.Double(-6, -6, 12, 12), ALERT));
        return legend;
    }

    private static NumberFormat percent() {
        NumberFormat format = NumberFormat.getPercentInstance(Locale.ROOT);
        format.setMaximumFractionDigits(1);
        return format;
    }

    private static long startOf(LocalDate day) {
        return day.toEpochDay() * DAY_MILLIS;
    }

    private static double middleOf(LocalDate day) {
        return startOf(day) + DAY_MILLIS / 2.0;
    }
}
