package io.dkimtrend.sink;

import io.dkimtrend.model.DayMetric;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Passes the day records on to the sinks and counts the final ones: the days a run wrote, filled
 * empty days included, the days a backfill only read for its baseline or padding excluded.
 */
public class CountFinalDays extends RichMapFunction<DayMetric, DayMetric> {

    private transient Counter finals;

    @Override
    public void open(OpenContext context) {
        finals = RunCounters.register(getRuntimeContext(), MetricNames.FINAL_DAY_RECORDS);
    }

    @Override
    public DayMetric map(DayMetric metric) {
        if (metric.isFinal) {
            finals.inc();
        }
        return metric;
    }
}
