package io.dkimtrend.window;

import static io.dkimtrend.model.DayCounts.DOMAIN_DKIM_FAIL;
import static io.dkimtrend.model.DayCounts.DOMAIN_EMAILS;

import io.dkimtrend.model.DomainFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A day's top sender domains by DKIM failures, in {@link DomainFailures#RANKING} order, from its
 * per-domain counts. A domain without a failure is never in the list. A bounded heap keeps the
 * cost at one pass over the domains, so running records of a day with many domains stay cheap.
 */
public final class DomainRanking {

    private DomainRanking() {}

    public static List<DomainFailures> top(Map<String, long[]> domains, int limit) {
        if (domains == null || limit <= 0) return new ArrayList<>();
        // Worst of the kept ones on top, so that a better domain replaces it.
        PriorityQueue<DomainFailures> kept = new PriorityQueue<>(limit + 1, DomainFailures.RANKING.reversed());
        for (Map.Entry<String, long[]> entry : domains.entrySet()) {
            long[] counts = entry.getValue();
            if (counts[DOMAIN_DKIM_FAIL] == 0) continue;
            DomainFailures domain = new DomainFailures(entry.getKey(), counts[DOMAIN_DKIM_FAIL], counts[DOMAIN_EMAILS]);
            if (kept.size() < limit) {
                kept.add(domain);
            } else if (DomainFailures.RANKING.compare(domain, kept.peek()) < 0) {
                kept.poll();
                kept.add(domain);
            }
        }
        List<DomainFailures> top = new ArrayList<>(kept);
        top.sort(DomainFailures.RANKING);
        return top;
    }

    /** How many domains had at least one DKIM failure. */
    public static int failing(Map<String, long[]> domains) {
        if (domains == null) return 0;
        int failing = 0;
        for (long[] counts : domains.values()) {
            if (counts[DOMAIN_DKIM_FAIL] > 0) failing++;
        }
        return failing;
    }
}
