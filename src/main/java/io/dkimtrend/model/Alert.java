package io.dkimtrend.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A spike of DKIM failures on one day of one series, for one metric ({@code dkimFail} or
 * {@code dkimFailRatio}). Keyed by series, day and metric: a later record for the same key
 * (confirmed, withdrawn) replaces an earlier one (preliminary).
 */
@JsonPropertyOrder({"series", "day", "metric", "observed", "expected", "upper", "score", "severity", "status",
    "emails", "dkimFail", "dkimFailRatio", "baselineDays", "drivers",
    "emittedAt"})
public class Alert {

    public static final String PRELIMINARY = "preliminary";
    public static final String CONFIRMED = "confirmed";
    public static final String WITHDRAWN = "withdrawn";

    public String series;
    public String day;
    /** {@code dkimFail} (a count) or {@code dkimFailRatio}. */
    public String metric;
    public double observed;
    public double expected;
    public double upper;
    /** Robust z-score: how many spreads the observed value lies above the expected one. */
    public double score;
    /** {@code medium} above the threshold, {@code high} above twice the threshold. */
    public String severity;
    /** {@code preliminary} while the day is open, {@code confirmed} or {@code withdrawn} once it closed. */
    public String status;
    public long emails;
    public long dkimFail;
    public double dkimFailRatio;
    /** How many days the baseline was learned from. */
    public int baselineDays;
    /**
     * The sender domains whose DKIM failures rose most above their own baseline, the largest rise
     * first; absent when sender domains are not counted.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<DomainDriver> drivers;
    public String emittedAt;

    public Alert() {}

    public String key() {
        return series + "/" + day + "/" + metric;
    }

    @Override
    public String toString() {
        return Json.toString(this);
    }
}
