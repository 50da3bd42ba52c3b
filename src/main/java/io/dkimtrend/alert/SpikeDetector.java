package io.dkimtrend.alert;

import io.dkimtrend.alert.WeekdayBaseline.Evaluation;
import io.dkimtrend.calendar.CalendarDays;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayDomains;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DomainDriver;
import io.dkimtrend.model.DomainFailures;
import io.dkimtrend.monitor.MetricNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raises alerts on spikes of DKIM failures, per series, from the day records.
 *
 * <p>The baseline is the final counts of the preceding {@code baselineDays} days with email, kept in
 * keyed state (so it survives restarts), judged by {@link WeekdayBaseline}. A running record of an
 * open day that already lies above its bound raises a {@code preliminary} alert. Each day is judged
 * finally on an event-time timer at its end, in day order in a live run and in a replay alike, so
 * that history replayed gives the alerts the live run gave: {@code confirmed} when the day's final
 * counts are above the bound, {@code withdrawn} when an earlier alert no longer holds. A correction
 * of a closed day is judged again when it arrives.
 *
 * <p>When day records carry sender domains, each alert names its drivers ({@link DomainDrivers}):
 * the domains of the day whose failures rose most above their own baseline.
 *
 * <p>Cold start: until the baseline holds {@code minBaselineDays} days with email covering every
 * weekday, no day is judged, so the first days of a stream never alert.
 */
public class SpikeDetector extends KeyedProcessFunction<String, DayMetric, Alert> {

    private final ZoneId zone;
    private final AlertSettings settings;

    private transient MapState<Long, long[]> finals;
    /** The head of each final day's top list of sender domains, for the domains' own baselines. */
    private transient MapState<Long, DayDomains> domainHistory;
    private transient MapState<String, String> statuses;
    private transient Counter alerts;

    public SpikeDetector(ZoneId zone, AlertSettings settings) {
        this.zone = zone;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        finals = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "final-days", TypeInformation.of(Long.class), TypeInformation.of(long[].class)));
        domainHistory = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "final-top-domains", TypeInformation.of(Long.class), TypeInformation.of(DayDomains.class)));
        statuses = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-status", String.class, String.class));
        alerts = getRuntimeContext().getMetricGroup().counter(MetricNames.ALERTS_EMITTED);
    }

    @Override
    public void processElement(DayMetric metric, Context context, Collector<Alert> out) throws Exception {
        LocalDate day = LocalDate.parse(metric.day);
        long lastMilli = CalendarDays.end(day, zone) - 1;
        boolean closed = context.timerService().currentWatermark() >= lastMilli;
        if (!metric.isFinal) {
            if (!closed) {
                judge(context.getCurrentKey(), day, metric.emails, metric.dkimFail, metric.topDkimFailDomains, false,
                        context, out);
            }
            return;
        }
        finals.put(day.toEpochDay(), new long[] {metric.emails, metric.dkimFail});
        if (metric.topDkimFailDomains != null) {
            domainHistory.put(day.toEpochDay(), DomainDrivers.remembered(metric));
        }
        if (closed) {
            judge(context.getCurrentKey(), day, metric.emails, metric.dkimFail, metric.topDkimFailDomains, true,
                    context, out);
        } else {
            context.timerService().registerEventTimeTimer(lastMilli);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Alert> out) throws Exception {
        LocalDate day = CalendarDays.dayOf(timestamp, zone);
        long[] counts = finals.get(day.toEpochDay());
        if (counts != null) {
            DayDomains domains = domainHistory.get(day.toEpochDay());
            judge(context.getCurrentKey(), day, counts[0], counts[1], domains == null ? null : domains.top, true,
                    context, out);
        }
        forgetBefore(day.minusDays(settings.baselineDays()));
    }

    /** @param top the day's top list of sender domains, or null when domains are not counted */
    private void judge(String series, LocalDate day, long emails, long dkimFail, List<DomainFailures> top,
            boolean isFinal, Context context, Collector<Alert> out) throws Exception {
        TreeMap<LocalDate, long[]> history = new TreeMap<>();
        for (LocalDate d = day.minusDays(settings.baselineDays()); d.isBefore(day); d = d.plusDays(1)) {
            long[] counts = finals.get(d.toEpochDay());
            if (counts != null && counts[0] > 0) { // an outage day says nothing about the rate
                history.put(d, counts);
            }
        }
        WeekdayBaseline baseline = new WeekdayBaseline(history);
        if (baseline.days() < settings.minBaselineDays() || !baseline.coversEveryWeekday()) {
            return;
        }
        boolean enoughMail = emails >= settings.minEmails() && dkimFail >= settings.minFailures();
        List<DomainDriver> drivers = null;
        for (Evaluation evaluation : List.of(baseline.count(day, dkimFail, settings.threshold()),
                baseline.ratio(emails, dkimFail, settings.threshold()))) {
            boolean spike = enoughMail && evaluation.above(settings.threshold());
            String key = day + "/" + evaluation.metric();
            String previous = statuses.get(key);
            String status = null;
            if (!isFinal) {
                status = spike && previous == null ? Alert.PRELIMINARY : null;
            } else if (spike) {
                status = Alert.CONFIRMED.equals(previous) ? null : Alert.CONFIRMED;
            } else if (previous != null && !Alert.WITHDRAWN.equals(previous)) {
                status = Alert.WITHDRAWN;
            }
            if (status != null) {
                statuses.put(key, status);
                alerts.inc();
                if (top != null && drivers == null) {
                    drivers = DomainDrivers.of(day, top, domainHistoryOf(history.keySet()), baseline);
                }
                Alert alert = alert(series, day, emails, dkimFail, evaluation, status, baseline.days(), context);
                alert.drivers = drivers;
                out.collect(alert);
            }
        }
    }

    private Alert alert(String series, LocalDate day, long emails, long dkimFail, Evaluation evaluation, String status,
            int baselineDays, Context context) {
        Alert alert = new Alert();
        alert.series = series;
        alert.day = day.toString();
        alert.metric = evaluation.metric();
        alert.observed = evaluation.observed();
        alert.expected = evaluation.expected();
        alert.upper = evaluation.upper();
        alert.score = evaluation.score();
        alert.severity = evaluation.score() >= 2 * settings.threshold() ? "high" : "medium";
        alert.status = status;
        alert.emails = emails;
        alert.dkimFail = dkimFail;
        alert.dkimFailRatio = emails == 0 ? 0.0 : Math.round(10_000.0 * dkimFail / emails) / 10_000.0;
        alert.baselineDays = baselineDays;
        alert.emittedAt = Instant.ofEpochMilli(context.timerService().currentProcessingTime()).toString();
        return alert;
    }

    private SortedMap<LocalDate, DayDomains> domainHistoryOf(Set<LocalDate> days) throws Exception {
        TreeMap<LocalDate, DayDomains> history = new TreeMap<>();
        for (LocalDate day : days) {
            DayDomains domains = domainHistory.get(day.toEpochDay());
            if (domains != null) history.put(day, domains);
        }
        return history;
    }

    /** Drops what no later day's baseline or correction needs. */
    private void forgetBefore(LocalDate oldest) throws Exception {
        List<Long> old = new ArrayList<>();
        for (Long day : finals.keys()) {
            if (day < oldest.toEpochDay()) old.add(day);
        }
        for (Long day : old) {
            finals.remove(day);
            domainHistory.remove(day);
            statuses.remove(LocalDate.ofEpochDay(day) + "/dkimFail");
            statuses.remove(LocalDate.ofEpochDay(day) + "/dkimFailRatio");
        }
    }
}
