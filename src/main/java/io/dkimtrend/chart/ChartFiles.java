package io.dkimtrend.chart;

import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a chart as PNG or SVG, by the file's extension, {@value #WIDTH} by {@value #HEIGHT} pixels. */
public final class ChartFiles {

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 700;

    private ChartFiles() {}

    /** Draws the series of these records and alerts (see {@link TrendChart#of}) into the file; returns the chart's title. */
    public static String draw(Collection<DayMetric> records, List<Alert> alerts, Path file) throws IOException {
        JFreeChart chart = TrendChart.of(records, alerts);
        write(chart, file);
        return chart.getTitle().getText();
    }

    public static void write(JFreeChart chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(file.toFile(), svg.getSVGElement());
        } else if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } else {
            throw new IllegalArgumentException("a chart is written as .png or .svg, not " + file);
        }
    }
}
