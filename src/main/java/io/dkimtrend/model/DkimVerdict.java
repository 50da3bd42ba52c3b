package io.dkimtrend.model;

/**
 * The DKIM result of one email, as the metric record's {@code dkim} object breaks it down.
 * An email without a usable verdict (no AuthenticationDetails, not JSON, no DKIM key) is {@link #NONE}:
 * like an unsigned email, it did not fail DKIM.
 */
public enum DkimVerdict {
    PASS,
    FAIL,
    NONE,
    OTHER
}
