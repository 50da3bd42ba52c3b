package io.dkimtrend.model;

/**
 * Counts of one series and calendar day gathered by one subtask since its last flush. The day's
 * window merges these instead of single emails, so the key with few values (a series has one
 * key per day) receives a handful of records however many emails pass.
 */
public class PartialDay {

    public String series;
    /** First millisecond of the day in the job's zone. */
    public long dayStart;
    public DayCounts counts;

    public PartialDay() {}

    public PartialDay(String series, long dayStart, DayCounts counts) {
        this.series = series;
        this.dayStart = dayStart;
        this.counts = counts;
    }

    @Override
    public String toString() {
        return "PartialDay{" + series + ", " + dayStart + ", emails=" + counts.emails + "}";
    }
}
