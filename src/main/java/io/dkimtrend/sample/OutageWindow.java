package io.dkimtrend.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The connector outage: no record at all with a Timestamp inside. It spans the outage day both in
 * UTC and in Europe/Berlin, from the earlier start to the later end, so that the expected series
 * has one empty day in either zone and a job must fill it with zeros.
 */
record OutageWindow(Instant start, Instant end) {

    private static final OutageWindow NONE = new OutageWindow(Instant.EPOCH, Instant.EPOCH);

    static OutageWindow of(SampleSettings settings) {
        return settings.outageDay().map(OutageWindow::around).orElse(NONE);
    }

    private static OutageWindow around(LocalDate day) {
        Instant utcStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant berlinStart = day.atStartOfDay(SampleGenerator.EUROPE_BERLIN).toInstant();
        Instant utcEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant berlinEnd = day.plusDays(1).atStartOfDay(SampleGenerator.EUROPE_BERLIN).toInstant();
        return new OutageWindow(utcStart.isBefore(berlinStart) ? utcStart : berlinStart,
                utcEnd.isAfter(berlinEnd) ? utcEnd : berlinEnd);
    }

    boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
