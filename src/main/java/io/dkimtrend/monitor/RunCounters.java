package io.dkimtrend.monitor;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * Counters that are both a Flink metric and an accumulator of the same name. The metric is what a
 * dashboard watches while the job runs; the accumulator is what the client gets back from
 * {@code execute()} when a bounded run ends, on a MiniCluster and on a cluster alike, without
 * asking a metrics reporter or the REST API.
 */
public final class RunCounters {

    private RunCounters() {}

    /** Registers the counter in the operator's metric group and as an accumulator; call from {@code open}. */
    public static Counter register(RuntimeContext context, String name) {
        LongCounter total = new LongCounter();
        context.addAccumulator(name, total);
        return context.getMetricGroup().counter(name, new AccumulatorCounter(total));
    }

    /** A metric counter whose count lives in the accumulator, so the two never disagree. */
    private static final class AccumulatorCounter implements Counter {

        private final LongCounter total;

        AccumulatorCounter(LongCounter total) {
            this.total = total;
        }

        @Override
        public void inc() {
            total.add(1L);
        }

        @Override
        public void inc(long n) {
            total.add(n);
        }

        @Override
        public void dec() {
            total.add(-1L);
        }

        @Override
        public void dec(long n) {
            total.add(-n);
        }

        @Override
        public long getCount() {
            return total.getLocalValue();
        }
    }
}
