package io.dkimtrend.calendar;

import io.dkimtrend.model.DayMetric;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Calendar days of a time zone as event-time ranges: a day there lasts 23, 24 or 25 hours. */
public final class CalendarDays {

    private CalendarDays() {}

    public static LocalDate dayOf(long epochMillis, ZoneId zone) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }

    /** First millisecond of the day. */
    public static long start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** First millisecond of the next day (exclusive end). */
    public static long end(LocalDate day, ZoneId zone) {
        return start(day.plusDays(1), zone);
    }

    /** A metric record of the day with all counts at zero. */
    public static DayMetric emptyMetric(String series, LocalDate day, ZoneId zone) {
        DayMetric metric = new DayMetric();
        metric.series = series;
        metric.day = day.toString();
        metric.windowStart = Instant.ofEpochMilli(start(day, zone)).toString();
        metric.windowEnd = Instant.ofEpochMilli(end(day, zone)).toString();
        metric.zone = zone.getId();
        return metric;
    }
}
