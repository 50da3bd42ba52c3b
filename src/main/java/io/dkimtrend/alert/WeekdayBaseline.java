package io.dkimtrend.alert;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SortedMap;

/**
 * The expected DKIM failures of a day, learned from the days before it, with the weekly rhythm of
 * email volume taken out: a seasonal index per weekday, then a robust z-score (median and MAD).
 *
 * <ol>
 *   <li>Weekday index: the median email volume of each weekday in the baseline, divided by the
 *       median daily volume. A Sunday with a third of a Monday's mail expects a third of its
 *       failures.
 *   <li>Count: each baseline day's failures divided by its weekday index; their median is the level,
 *       1.4826 times their median absolute deviation the spread (at least the Poisson noise of the
 *       level, and at least 1). Expected = level times the day's index; score = (observed / index -
 *       level) / spread.
 *   <li>Ratio: the median failure ratio of the baseline days and its MAD spread (at least the
 *       binomial noise of the day's volume); weekends need no index here.
 * </ol>
 *
 * A day is a spike when its score exceeds the threshold (upper = expected + threshold × spread,
 * scaled by the index for counts).
 */
public final class WeekdayBaseline {

    /** Scales a MAD to the standard deviation of a normal distribution. */
    static final double MAD_TO_SIGMA = 1.4826;

    /** One evaluation of one metric for one day. */
    public record Evaluation(String metric, double observed, double expected, double upper, double score) {
        public boolean above(double threshold) {
            return score > threshold;
        }
    }

    private final double[] weekdayIndex = new double[7];
    private final boolean[] weekdaySeen = new boolean[7];
    private final double countLevel;
    private final double countSpread;
    private final double ratioLevel;
    private final double ratioSpread;
    private final int days;

    /**
     * @param history final {emails, dkimFail} of the baseline days, by day
     */
    public WeekdayBaseline(SortedMap<LocalDate, long[]> history) {
        this.days = history.size();
        double[] volumes = history.values().stream().mapToDouble(v -> v[0]).toArray();
        double medianVolume = Math.max(1.0, median(volumes));
        for (DayOfWeek weekday : DayOfWeek.values()) {
            double[] ofWeekday = history.entrySet().stream()
                    .filter(e -> e.getKey().getDayOfWeek() == weekday)
                    .mapToDouble(e -> e.getValue()[0]).toArray();
            double index = ofWeekday.length == 0 ? 1.0 : median(ofWeekday) / medianVolume;
            weekdayIndex[weekday.ordinal()] = Math.max(index, 0.05);
            weekdaySeen[weekday.ordinal()] = ofWeekday.length > 0;
        }
        double[] adjusted = history.entrySet().stream()
                .mapToDouble(e -> e.getValue()[1] / index(e.getKey())).toArray();
        countLevel = median(adjusted);
        countSpread = Math.max(1.0, Math.max(MAD_TO_SIGMA * mad(adjusted, countLevel), Math.sqrt(countLevel)));
        double[] ratios = history.values().stream().filter(v -> v[0] > 0)
                .mapToDouble(v -> (double) v[1] / v[0]).toArray();
        ratioLevel = ratios.length == 0 ? 0.0 : median(ratios);
        ratioSpread = ratios.length == 0 ? 0.0 : MAD_TO_SIGMA * mad(ratios, ratioLevel);
    }

    public int days() {
        return days;
    }

    /** Whether every weekday was seen at least once: the index is then learned, not assumed. */
    public boolean coversEveryWeekday() {
        for (boolean seen : weekdaySeen) {
            if (!seen) return false;
        }
        return true;
    }

    public double index(LocalDate day) {
        return weekdayIndex[day.getDayOfWeek().ordinal()];
    }

    public Evaluation count(LocalDate day, long dkimFail, double threshold) {
        double index = index(day);
        double expected = countLevel * index;
        double upper = (countLevel + threshold * countSpread) * index;
        double score = (dkimFail / index - countLevel) / countSpread;
        return new Evaluation("dkimFail", dkimFail, round(expected), round(upper), round(score));
    }

    public Evaluation ratio(long emails, long dkimFail, double threshold) {
        double observed = emails == 0 ? 0.0 : (double) dkimFail / emails;
        double binomial = emails == 0 ? 0.0 : Math.sqrt(ratioLevel * (1 - ratioLevel) / emails);
        double spread = Math.max(Math.max(ratioSpread, binomial), 1e-4);
        double score = (observed - ratioLevel) / spread;
        return new Evaluation("dkimFailRatio", round4(observed), round4(ratioLevel),
                round4(ratioLevel + threshold * spread), round(score));
    }

    static double median(double[] values) {
        if (values.length == 0) return 0.0;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double mad(double[] values, double median) {
        return median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
