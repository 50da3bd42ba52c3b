package io.dkimtrend.alert;

import io.dkimtrend.model.DayDomains;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DomainDriver;
import io.dkimtrend.model.DomainFailures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The sender domains that drive a day's DKIM failures: of the day's top list, those whose failures
 * rose most above their own baseline, so that a spike caused by one sender names that sender first
 * even when a steadily failing bulk sender has more failures.
 *
 * <p>A domain's baseline follows {@link WeekdayBaseline}: its failures on each baseline day, divided
 * by that weekday's volume index; the median of those, times the day's index, is what it was
 * expected to have. Only each day's top list is remembered (at most {@link #HISTORY_DOMAINS}
 * domains a day), so a domain missing from a day counts as 0 when the list was complete, else as
 * the list's last count: an upper bound, which can understate a rise but never invent one.
 */
public final class DomainDrivers {

    /** Domains named in an alert. */
    public static final int MAX_DRIVERS = 5;
    /** Domains of a closed day's top list kept for later baselines. */
    public static final int HISTORY_DOMAINS = 100;

    private DomainDrivers() {}

    /** What to keep of a final day record for later baselines. */
    public static DayDomains remembered(DayMetric metric) {
        List<DomainFailures> top = metric.topDkimFailDomains;
        List<DomainFailures> head = new ArrayList<>(top.subList(0, Math.min(top.size(), HISTORY_DOMAINS)));
        int failing = metric.failingDomains == null ? Integer.MAX_VALUE : metric.failingDomains;
        return new DayDomains(head, head.size() >= failing);
    }

    /**
     * @param today the day's top list (running or final)
     * @param history the remembered top lists of the baseline days that have one
     */
    public static List<DomainDriver> of(LocalDate day, List<DomainFailures> today,
            SortedMap<LocalDate, DayDomains> history, WeekdayBaseline baseline) {
        record Rise(DomainDriver driver, double rise) {}
        List<Rise> rises = new ArrayList<>();
        for (DomainFailures domain : today) {
            double[] adjusted = new double[history.size()];
            int i = 0;
            for (Map.Entry<LocalDate, DayDomains> past : history.entrySet()) {
                adjusted[i++] = past.getValue().failuresOf(domain.domain) / baseline.index(past.getKey());
            }
            double expected = WeekdayBaseline.median(adjusted) * baseline.index(day);
            if (domain.dkimFail > expected) {
                rises.add(new Rise(new DomainDriver(domain.domain, domain.dkimFail, Math.round(expected * 100) / 100.0),
                        domain.dkimFail - expected));
            }
        }
        rises.sort(Comparator.comparingDouble(Rise::rise).reversed()
                .thenComparing(r -> r.driver().dkimFail, Comparator.reverseOrder())
                .thenComparing(r -> r.driver().domain));
        return rises.stream().limit(MAX_DRIVERS).map(Rise::driver).collect(Collectors.toCollection(ArrayList::new));
    }
}
