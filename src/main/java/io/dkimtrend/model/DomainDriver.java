package io.dkimtrend.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A sender domain behind an alert: its DKIM failures that day and what its own baseline expected. */
@JsonPropertyOrder({"domain", "dkimFail", "expected"})
public class DomainDriver {

    public String domain;
    public long dkimFail;
    public double expected;

    public DomainDriver() {}

    public DomainDriver(String domain, long dkimFail, double expected) {
        this.domain = domain;
        this.dkimFail = dkimFail;
        this.expected = expected;
    }

    @Override
    public String toString() {
        return domain + " " + dkimFail + " (expected " + expected + ")";
    }
}
