package io.dkimtrend.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/** One sender domain's DKIM failures and emails on one day: an entry of the day's top list. */
@JsonPropertyOrder({"domain", "dkimFail", "emails"})
public class DomainFailures {

    /** The top list's order: most failures first, then most emails, then the name, so ties never flip. */
    public static final Comparator<DomainFailures> RANKING = Comparator
            .comparingLong((DomainFailures d) -> d.dkimFail).reversed()
            .thenComparing(Comparator.comparingLong((DomainFailures d) -> d.emails).reversed())
            .thenComparing(d -> d.domain);

    public String domain;
    public long dkimFail;
    public long emails;

    public DomainFailures() {}

    public DomainFailures(String domain, long dkimFail, long emails) {
        this.domain = domain;
        this.dkimFail = dkimFail;
        this.emails = emails;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DomainFailures d && d.domain.equals(domain) && d.dkimFail == dkimFail
                && d.emails == emails;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, dkimFail, emails);
    }

    @Override
    public String toString() {
        return domain + " " + dkimFail + "/" + emails;
    }
}
