package io.dkimtrend.window;

import io.dkimtrend.model.DayCounts;
import io.dkimtrend.model.PartialDay;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Merges the partial counts of a day as they arrive: a window keeps counts, never the emails. */
public class CountDay implements AggregateFunction<PartialDay, DayCounts, DayCounts> {

    @Override
    public DayCounts createAccumulator() {
        return new DayCounts();
    }

    @Override
    public DayCounts add(PartialDay partial, DayCounts counts) {
        return counts.merge(partial.counts);
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
