package io.dkimtrend.model;

import java.util.HashMap;
import java.util.Map;

/** Running counts of one day: the window's accumulator and the body of its metric record. */
public class DayCounts {

    /** Index of the DKIM failures in a {@link #domains} value. */
    public static final int DOMAIN_DKIM_FAIL = 0;
    /** Index of the emails in a {@link #domains} value. */
    public static final int DOMAIN_EMAILS = 1;

    public long emails;
    public long dkimPass;
    public long dkimFail;
    public long dkimNone;
    public long dkimOther;
    public long spfFail;
    public long dmarcFail;
    public long compAuthFail;

    /**
     * {dkimFail, emails} per sender domain, or null when domains are not counted: no per-domain
     * state at all then. A map of {@code long[]} has serializers of Flink's own (no Kryo), and
     * lives in the day's window only, which Flink clears when the day closes.
     */
    public Map<String, long[]> domains;

    public DayCounts() {}

    /** Counts that also count per sender domain. */
    public static DayCounts withDomains() {
        DayCounts counts = new DayCounts();
        counts.domains = new HashMap<>();
        return counts;
    }

    /** Distinct sender domains counted. */
    public int domainCount() {
        return domains == null ? 0 : domains.size();
    }

    public DayCounts add(EmailEvent email) {
        emails++;
        switch (email.dkim) {
            case PASS -> dkimPass++;
            case FAIL -> dkimFail++;
            case NONE -> dkimNone++;
            case OTHER -> dkimOther++;
        }
        if (email.spfFail) spfFail++;
        if (email.dmarcFail) dmarcFail++;
        if (email.compAuthFail) compAuthFail++;
        if (domains != null && email.senderDomain != null) {
            long[] domain = domains.computeIfAbsent(email.senderDomain, d -> new long[2]);
            if (email.dkimFailed()) domain[DOMAIN_DKIM_FAIL]++;
            domain[DOMAIN_EMAILS]++;
        }
        return this;
    }

    public DayCounts merge(DayCounts other) {
        emails += other.emails;
        dkimPass += other.dkimPass;
        dkimFail += other.dkimFail;
        dkimNone += other.dkimNone;
        dkimOther += other.dkimOther;
        spfFail += other.spfFail;
        dmarcFail += other.dmarcFail;
        compAuthFail += other.compAuthFail;
        if (other.domains != null) {
            if (domains == null) domains = new HashMap<>(Math.max(16, other.domains.size() * 2));
            // Adds into arrays of this map's own: the other's arrays may still be counted into.
            other.domains.forEach((name, counts) -> {
                long[] domain = domains.computeIfAbsent(name, d -> new long[2]);
                domain[DOMAIN_DKIM_FAIL] += counts[DOMAIN_DKIM_FAIL];
                domain[DOMAIN_EMAILS] += counts[DOMAIN_EMAILS];
            });
        }
        return this;
    }
}
