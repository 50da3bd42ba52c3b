package io.dkimtrend.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much mail one UTC day gets and how much of it fails DKIM, decided before any row exists, so
 * that the series has the shape the tests and the README promise: quieter weekends, the outage day
 * without mail, and spike days with a spoofing campaign on top of the ordinary mail.
 *
 * @param rows ordinary EmailEvents rows of the day (0 on the outage day)
 * @param failRate share of the ordinary rows that fail DKIM
 * @param campaignRows rows of the day's spoofing campaign, 0 on a day without spike
 * @param spikeIndex index of the day in {@link SampleSettings#spikeDays()}, -1 on an ordinary day
 */
record DayPlan(LocalDate day, int rows, double failRate, int campaignRows, int spikeIndex) {

    static List<DayPlan> forEachDay(SampleSettings settings, SplittableRandom r) {
        List<DayPlan> plans = new ArrayList<>();
        List<LocalDate> spikes = settings.spikeDays();
        LocalDate outage = settings.outageDay().orElse(null);
        for (int i = 0; i < settings.days(); i++) {
            LocalDate day = settings.start().plusDays(i);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            double volume = weekend ? 0.21 + 0.12 * r.nextDouble() : 0.83 + 0.42 * r.nextDouble();
            int spike = spikes.indexOf(day);
            double failRate = spike >= 0 ? 0.14 + 0.06 * r.nextDouble() : 0.06 + 0.04 * r.nextDouble();
            int rows = day.equals(outage) ? 0 : (int) Math.round(settings.weekdayEmails() * volume);
            int campaign = spike >= 0 ? (int) Math.round(settings.weekdayEmails() * 0.3) : 0;
            plans.add(new DayPlan(day, rows, failRate, campaign, spike));
        }
        return plans;
    }
}
