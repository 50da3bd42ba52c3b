package io.dkimtrend.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What the spike detector remembers of a closed day's sender domains: the head of its top list,
 * and whether that head holds every domain that failed (then a domain missing from it had no
 * failure; otherwise it had at most as many as the last one listed).
 */
public class DayDomains {

    public List<DomainFailures> top = new ArrayList<>();
    public boolean complete;

    public DayDomains() {}

    public DayDomains(List<DomainFailures> top, boolean complete) {
        this.top = top;
        this.complete = complete;
    }

    /** The domain's failures that day, or the most it can have had when it is not listed. */
    public long failuresOf(String domain) {
        for (DomainFailures listed : top) {
            if (listed.domain.equals(domain)) return listed.dkimFail;
        }
        return complete || top.isEmpty() ? 0 : top.get(top.size() - 1).dkimFail;
    }
}
