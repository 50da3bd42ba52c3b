package io.dkimtrend.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SampleGenerator} generates.
 *
 * @param start first UTC day with email
 * @param days number of days, {@code start} included
 * @param seed seed of every random choice; the same settings give the same bytes
 * @param weekdayEmails mean number of EmailEvents rows on a weekday (weekends get about a quarter)
 * @param records 0 for the bundle (every shape and variant, dead letters, expected series); N for one
 *     big NDJSON file of Event Hubs envelopes with about N EmailEvents rows, for throughput benchmarks
 */
public record SampleSettings(LocalDate start, int days, long seed, int weekdayEmails, long records) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 10, 1);
    public static final int DEFAULT_DAYS = 41;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_WEEKDAY_EMAILS = 120;

    public SampleSettings {
        Objects.requireNonNull(start, "start");
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be between 1 and 3660: " + days);
        }
        if (weekdayEmails < 1) {
            throw new IllegalArgumentException("weekdayEmails must be positive: " + weekdayEmails);
        }
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative: " + records);
        }
    }

    /** The committed bundle: 2026-10-01 for 41 days (across the end of summer time), seed 42, 120 emails a weekday. */
    public static SampleSettings defaults() {
        return new SampleSettings(DEFAULT_START, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_WEEKDAY_EMAILS, 0L);
    }

    public SampleSettings withStart(LocalDate value) {
        return new SampleSettings(value, days, seed, weekdayEmails, records);
    }

    public SampleSettings withDays(int value) {
        return new SampleSettings(start, value, seed, weekdayEmails, records);
    }

    public SampleSettings withSeed(long value) {
        return new SampleSettings(start, days, value, weekdayEmails, records);
    }

    public SampleSettings withWeekdayEmails(int value) {
        return new SampleSettings(start, days, seed, value, records);
    }

    public SampleSettings withRecords(long value) {
        return new SampleSettings(start, days, seed, weekdayEmails, value);
    }

    /** True for the benchmark file ({@code --records N}), false for the bundle. */
    public boolean recordsMode() {
        return records > 0;
    }

    /** The first UTC day after the generated ones. */
    public LocalDate endExclusive() {
        return start.plusDays(days);
    }

    /**
     * The connector outage: the one day, a third into the range, on which no email exists in UTC nor
     * in Europe/Berlin (2026-10-14 by default). None for fewer than 7 days.
     */
    public Optional<LocalDate> outageDay() {
        return days < 7 ? Optional.empty() : Optional.of(start.plusDays(days / 3));
    }

    /** Two or three weekdays with a DKIM-failure spike (a spoofing campaign in the bundle). */
    public List<LocalDate> spikeDays() {
        List<LocalDate> spikes = new ArrayList<>();
        if (days < 7) {
            return spikes;
        }
        LocalDate outage = outageDay().orElse(null);
        for (int sixth : new int[] {1, 3, 5}) {
            LocalDate day = start.plusDays((long) days * sixth / 6);
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                    || day.equals(outage)) {
                day = day.plusDays(1);
            }
            if (day.isBefore(endExclusive()) && !spikes.contains(day)) {
                spikes.add(day);
            }
        }
        return spikes;
    }

    /** The command-line flags that reproduce these settings, {@code --out} first. */
    public List<String> toArgs(String out) {
        List<String> args = new ArrayList<>(List.of("--out", out, "--start", start.toString(),
                "--days", Integer.toString(days), "--seed", Long.toString(seed),
                "--weekday-emails", Integer.toString(weekdayEmails)));
        if (recordsMode()) {
            args.add("--records");
            args.add(Long.toString(records));
        }
        return args;
    }
}
