package io.dkimtrend.dedup;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.monitor.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts each email (NetworkMessageId + recipient) once: the Streaming API re-sends rows, and sends
 * a row again when a verdict or delivery location changes.
 *
 * <p>An identity is remembered for a horizon of event time after the first row: a copy whose
 * Timestamp lies within the horizon of the first is dropped, a later one counts again. The state
 * expires on an event-time timer rather than Flink's state TTL, because that TTL runs on
 * processing time only, and a replay of old data must deduplicate exactly as the live run did.
 *
 * <p>Keyed by {@link EmailIdentity#KEY}: rows without an identity pass untouched, keeping no state.
 */
public class DeduplicateEmails extends KeyedProcessFunction<Tuple2<Long, Long>, EmailEvent, EmailEvent> {

    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    private final long horizonMillis;
    private transient ValueState<Long> firstSeen;
    private transient Counter duplicates;

    public DeduplicateEmails(long horizonMillis) {
        this.horizonMillis = horizonMillis;
    }

    @Override
    public void open(OpenContext context) {
        firstSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Long.class));
        duplicates = RunCounters.register(getRuntimeContext(), DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(EmailEvent email, Context context, Collector<EmailEvent> out) throws Exception {
        if (!email.hasIdentity()) {
            out.collect(email);
            return;
        }
        Long first = firstSeen.value();
        if (first != null && Math.abs(email.eventTime - first) <= horizonMillis) {
            duplicates.inc();
            return;
        }
        firstSeen.update(email.eventTime);
        context.timerService().registerEventTimeTimer(expiry(email.eventTime));
        out.collect(email);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EmailEvent> out) throws Exception {
        Long first = firstSeen.value();
        // An older timer of an identity that was seen again after its horizon keeps the newer entry.
        if (first != null && expiry(first) <= timestamp) {
            firstSeen.clear();
        }
    }

    private long expiry(long eventTime) {
        long expiry = eventTime + horizonMillis;
        return expiry < eventTime ? Long.MAX_VALUE : expiry;
    }
}
