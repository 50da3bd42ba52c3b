package io.dkimtrend.window;

import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.EmailEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds each email to its day's counts as it arrives: a window keeps counts, never the emails. */
public class CountDay implements AggregateFunction<EmailEvent, DayCounts, DayCounts> {

    @Override
    public DayCounts createAccumulator() {
        return new DayCounts();
    }

    @Override
    public DayCounts add(EmailEvent email, DayCounts counts) {
        return counts.add(email);
    }

    @Override
    public DayCounts getResult(DayCounts counts) {
        return counts;
    }

    @Override
    public DayCounts merge(DayCounts a, DayCounts b) {
        return a.merge(b);
    }
}
