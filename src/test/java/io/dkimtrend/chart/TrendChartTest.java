package io.dkimtrend.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.DayMetric;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class TrendChartTest {

    private static final List<DayMetric> RECORDS = List.of(
            metric("2026-11-03", 100, 10, true, 1),
            metric("2026-11-03", 120, 12, true, 2),   // a correction: the newer revision is drawn
            metric("2026-11-04", 0, 0, true, 0),      // a filled empty day
            metric("2026-11-05", 182, 56, true, 1),
            metric("2026-11-06", 40, 2, false, 1));   // still open: not drawn

    private static final List<Alert> ALERTS = List.of(
            alert("2026-11-03", "dkimFail", "medium", Alert.PRELIMINARY),
            alert("2026-11-03", "dkimFail", "medium", Alert.CONFIRMED),
            alert("2026-11-03", "dkimFailRatio", "high", Alert.CONFIRMED),
            alert("2026-11-05", "dkimFail", "medium", Alert.PRELIMINARY),
            alert("2026-11-06", "dkimFail", "high", Alert.PRELIMINARY),
            alert("2026-11-06", "dkimFail", "high", Alert.WITHDRAWN));

    @TempDir
    Path out;

    @Test
    void drawsTheNewestFinalRecordOfEachDayWithItsRatioOnTheSecondAxis() {
        XYPlot plot = TrendChart.of(RECORDS, ALERTS).getXYPlot();

        assertThat(points(plot.getDataset(0), 0)).containsExactly("2026-11-03 120", "2026-11-04 0", "2026-11-05 182");
        assertThat(points(plot.getDataset(0), 1)).containsExactly("2026-11-03 12", "2026-11-04 0", "2026-11-05 56");
        // a day without email has no ratio: a gap in the line
        assertThat(points(plot.getDataset(1), 0)).containsExactly("2026-11-03 0.1", "2026-11-04 null", "2026-11-05 0.3077");
        assertThat(plot.getRangeAxisIndex(plot.getRangeAxisForDataset(1))).isEqualTo(1);
    }

    @Test
    void marksEachDayWithAnAlertThatWasNotWithdrawnWithItsHighestSeverity() {
        XYPlot plot = TrendChart.of(RECORDS, ALERTS).getXYPlot();

        Collection<?> markers = plot.getDomainMarkers(Layer.BACKGROUND);
        assertThat(markers).map(marker -> ((Marker) marker).getLabel())
                .containsExactly("spike 11/3 high", "spike 11/5 medium (preliminary)");
    }

    @Test
    void itsTitleNamesTheRangeAndTheZoneAndASubtitleTheTotals() {
        JFreeChart chart = TrendChart.of(RECORDS, ALERTS);

        assertThat(chart.getTitle().getText()).isEqualTo("DKIM failures per day, 2026-11-03 to 2026-11-05 (UTC)");
        assertThat(((TextTitle) chart.getSubtitle(1)).getText())
                .isEqualTo("302 emails, 68 DKIM failures (22.5 %) in 3 days; 2 days with a spike alert");
        assertThat(TrendChart.of(List.of(), List.of()).getTitle().getText())
                .isEqualTo("DKIM failures per day: no closed day yet");
    }

    @Test
    void writesAPngOfTheChartSize() throws Exception {
        Path png = out.resolve("charts/trend.png");

        ChartFiles.draw(RECORDS, ALERTS, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartFiles.WIDTH).isGreaterThanOrEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(ChartFiles.HEIGHT).isGreaterThanOrEqualTo(500);
    }

    @Test
    void writesAnSvgWithTheSameDrawing() throws Exception {
        Path svg = out.resolve("trend.svg");

        ChartFiles.draw(RECORDS, ALERTS, svg);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // the file names SVG 1.1's DTD by its URL: read it without fetching that
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(ChartFiles.WIDTH);
        assertThat(Double.parseDouble(root.getAttribute("height"))).isEqualTo(ChartFiles.HEIGHT);
        assertThat(root.getTextContent()).contains("DKIM failures per day, 2026-11-03 to 2026-11-05 (UTC)");
    }

    @Test
    void refusesAnotherFileType() {
        assertThatThrownBy(() -> ChartFiles.draw(RECORDS, ALERTS, out.resolve("trend.jpg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png or .svg");
    }

    /** The items of one series as "day value", each day told by the middle of its bar. */
    private static List<String> points(XYDataset dataset, int series) {
        List<String> points = new ArrayList<>();
        for (int item = 0; item < dataset.getItemCount(series); item++) {
            LocalDate day = LocalDate.ofEpochDay((long) Math.floor(dataset.getXValue(series, item) / 86_400_000L));
            Number y = dataset.getY(series, item);
            points.add(day + " " + (y == null ? "null" : new BigDecimal(y.toString()).stripTrailingZeros().toPlainString()));
        }
        return points;
    }

    private static DayMetric metric(String day, long emails, long dkimFail, boolean isFinal, int revision) {
        DayCounts counts = new DayCounts();
        counts.emails = emails;
        counts.dkimFail = dkimFail;
        counts.dkimPass = emails - dkimFail;
        DayMetric metric = new DayMetric().withCounts(counts);
        metric.series = "all";
        metric.day = day;
        metric.zone = "UTC";
        metric.isFinal = isFinal;
        metric.revision = revision;
        return metric;
    }

    private static Alert alert(String day, String metric, String severity, String status) {
        Alert alert = new Alert();
        alert.series = "all";
        alert.day = day;
        alert.metric = metric;
        alert.severity = severity;
        alert.status = status;
        return alert;
    }
}
