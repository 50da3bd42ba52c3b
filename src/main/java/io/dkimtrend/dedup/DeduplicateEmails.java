package io.dkimtrend.dedup;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import io.dkimtrend.monitor.MetricNames;
import io.dkimtrend.monitor.RunCounters;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts each email (NetworkMessageId + recipient) once: the Streaming API re-sends rows, and sends
 * a row again when a verdict or delivery location changes.
 *
 * <p>An identity is remembered for a horizon of event time after the row that counted: a copy whose
 * Timestamp lies within the horizon of it is dropped, a later one counts again. Once the watermark
 * passes the end of the horizon the identity is forgotten, exactly then, whatever the state still
 * holds. Expiry runs on event time rather than Flink's state TTL, because that TTL runs on
 * processing time only, and a replay of old data must deduplicate exactly as the live run did.
 *
 * <p>Keyed by {@link EmailIdentity#BUCKET}: each bucket keeps a map of its identities, and removes
 * the expired ones on a sweep timer at most every quarter horizon, staggered over the buckets. A
 * timer per identity would make RocksDB's timer queue the bottleneck at millions of identities.
 * A bounded run needs no sweep: there Flink holds the state of one bucket at a time, sorted input
 * bucket by bucket, and drops it when the next bucket begins. Rows without an identity pass
 * untouched, keeping no state.
 */
public class DeduplicateEmails extends KeyedProcessFunction<Integer, EmailEvent, EmailEvent> {

    /** Sweeps per horizon: an identity stays in the state at most a quarter horizon too long. */
    static final int SWEEPS_PER_HORIZON = 4;

    /** The shortest sweep period, so that a horizon of zero does not ask for a timer per millisecond. */
    static final long MIN_SWEEP_MILLIS = 60_000;

    private final long horizonMillis;
    private final long sweepMillis;
    private final boolean sweeps;
    /** Identity to the event time of the row that counted. */
    private transient MapState<Tuple2<Long, Long>, Long> counted;
    private transient Counter duplicates;

    /** Deduplication for an unbounded (streaming) run: expired identities are swept. */
    public DeduplicateEmails(long horizonMillis) {
        this(horizonMillis, true);
    }

    /** @param sweeps false for a bounded (BATCH) run, where each bucket's state is dropped after it */
    public DeduplicateEmails(long horizonMillis, boolean sweeps) {
        this.horizonMillis = horizonMillis;
        this.sweepMillis = Math.max(horizonMillis / SWEEPS_PER_HORIZON, MIN_SWEEP_MILLIS);
        this.sweeps = sweeps;
    }

    @Override
    public void open(OpenContext context) {
        counted = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("counted-at", EmailIdentity.KEY_TYPE, Types.LONG));
        duplicates = RunCounters.register(getRuntimeContext(), MetricNames.DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(EmailEvent email, Context context, Collector<EmailEvent> out) throws Exception {
        if (!email.hasIdentity()) {
            out.collect(email);
            return;
        }
        Tuple2<Long, Long> identity = EmailIdentity.keyOf(email);
        Long first = counted.get(identity);
        long watermark = context.timerService().currentWatermark();
        if (first != null && expiry(first) > watermark && Math.abs(email.eventTime - first) <= horizonMillis) {
            duplicates.inc();
            return;
        }
        counted.put(identity, email.eventTime);
        if (sweeps) {
            // Timers are unique per bucket and time: most rows re-register one that is already there.
            context.timerService().registerEventTimeTimer(sweepAfter(expiry(email.eventTime), context.getCurrentKey()));
        }
        out.collect(email);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EmailEvent> out) throws Exception {
        boolean anyLeft = false;
        Iterator<Map.Entry<Tuple2<Long, Long>, Long>> identities = counted.iterator();
        while (identities.hasNext()) {
            if (expiry(identities.next().getValue()) <= timestamp) {
                identities.remove();
            } else {
                anyLeft = true;
            }
        }
        if (!anyLeft) {
            counted.clear(); // the heap backend keeps an emptied map until it is cleared
        }
    }

    private long expiry(long eventTime) {
        long expiry = eventTime + horizonMillis;
        return expiry < eventTime ? Long.MAX_VALUE : expiry;
    }

    /**
     * The bucket's first sweep at or after the expiry. Sweeps fall on a grid of {@link #sweepMillis}
     * shifted by the bucket, so that the buckets do not all sweep at the same watermark.
     */
    long sweepAfter(long expiry, int bucket) {
        long phase = sweepMillis * bucket / EmailIdentity.BUCKETS;
        if (expiry > Long.MAX_VALUE - sweepMillis) {
            return Long.MAX_VALUE;
        }
        return phase + Math.floorDiv(expiry - phase + sweepMillis - 1, sweepMillis) * sweepMillis;
    }
}
