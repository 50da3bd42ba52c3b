package io.dkimtrend.readback;

import java.util.List;

/** Numbers drawn with Unicode block characters, so that a trend shows in a terminal. */
public final class Sparkline {

    /** Eighths of a character cell, left to right: the end of a horizontal bar. */
    private static final String EIGHTHS = "\u258F\u258E\u258D\u258C\u258B\u258A\u2589";
    private static final char FULL = '\u2588';
    /** Eighths of a cell, bottom to top: one column of a sparkline. */
    private static final String LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    private Sparkline() {}

    /**
     * A horizontal bar of {@code value} out of {@code max}, {@code width} cells at most, in eighths of
     * a cell; a value above zero shows at least one eighth, zero shows nothing.
     */
    public static String bar(long value, long max, int width) {
        if (value <= 0 || max <= 0) {
            return "";
        }
        long eighths = Math.max(1, Math.round(8.0 * width * Math.min(value, max) / max));
        StringBuilder bar = new StringBuilder();
        for (long i = 0; i < eighths / 8; i++) {
            bar.append(FULL);
        }
        if (eighths % 8 != 0) {
            bar.append(EIGHTHS.charAt((int) (eighths % 8) - 1));
        }
        return bar.toString();
    }

    /**
     * One character per value, its height in eighths of the largest value: {@code ▁} up to an
     * eighth, {@code █} for the largest; zero is a blank, so a day without any stands out.
     */
    public static String line(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (long value : values) {
            if (value <= 0 || max <= 0) {
                line.append(' ');
            } else {
                int level = (int) Math.ceil(8.0 * value / max) - 1;
                line.append(LEVELS.charAt(level));
            }
        }
        return line.toString();
    }
}
