package io.dkimtrend.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The metric record: one day of one series. {@code day}, {@code emails} and {@code dkimFail} are
 * the contract consumers rely on; the rest describes the record (window, zone, revision, final).
 * Serialized as JSON by {@link Json}.
 */
@JsonPropertyOrder({
    "series", "day", "windowStart", "windowEnd", "zone", "emails", "dkimFail", "dkimFailRatio",
    "dkim", "spfFail", "dmarcFail", "compAuthFail", "failingDomains", "topDkimFailDomains",
    "final", "revision", "emittedAt"
})
public class DayMetric {

    /** The series this day belongs to ({@code all} unless series are split). */
    public String series;
    /** Calendar day in {@link #zone}, ISO {@code yyyy-MM-dd}. */
    public String day;
    /** First instant of the day, UTC ISO-8601. */
    public String windowStart;
    /** First instant of the next day (exclusive), UTC ISO-8601. */
    public String windowEnd;
    public String zone;

    public long emails;
    public long dkimFail;
    /** dkimFail / emails, rounded to 4 decimals; 0 for a day without email. */
    public double dkimFailRatio;
    public Dkim dkim = new Dkim();
    public long spfFail;
    public long dmarcFail;
    public long compAuthFail;

    /** Sender domains with at least one DKIM failure this day; absent when domains are not counted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Integer failingDomains;
    /**
     * The sender domains with the most DKIM failures this day, at most {@code --top-domains}, most
     * failures first (ties: more emails, then the name); absent when domains are not counted.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<DomainFailures> topDkimFailDomains;

    /** True once the watermark passed the end of the day; false for running updates of an open day. */
    @JsonProperty("final")
    public boolean isFinal;
    /** Grows with every record emitted for the same series and day; the newest one wins. */
    public int revision;
    /** Wall-clock time of emission, UTC ISO-8601. */
    public String emittedAt;

    public DayMetric() {}

    /** DKIM verdicts of the day's emails; they add up to {@code emails}. */
    @JsonPropertyOrder({"pass", "fail", "none", "other"})
    public static class Dkim {
        public long pass;
        public long fail;
        public long none;
        public long other;

        public Dkim() {}
    }

    public DayMetric withCounts(DayCounts counts) {
        emails = counts.emails;
        dkimFail = counts.dkimFail;
        dkimFailRatio = counts.emails == 0 ? 0.0 : Math.round(10_000.0 * counts.dkimFail / counts.emails) / 10_000.0;
        dkim.pass = counts.dkimPass;
        dkim.fail = counts.dkimFail;
        dkim.none = counts.dkimNone;
        dkim.other = counts.dkimOther;
        spfFail = counts.spfFail;
        dmarcFail = counts.dmarcFail;
        compAuthFail = counts.compAuthFail;
        return this;
    }

    /** Key of the record on the metrics topic: one compacted entry per series and day. */
    public String key() {
        return series + "/" + day;
    }

    @Override
    public String toString() {
        return Json.toString(this);
    }
}
