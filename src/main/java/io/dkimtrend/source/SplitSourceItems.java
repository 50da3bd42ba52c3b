package io.dkimtrend.source;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.SourceItem;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what the sources parsed: email rows go on, dead letters go to {@link #DEAD_LETTERS}, and
 * skipped records of other tables are only counted. Every record the sources saw is counted here
 * once, in exactly one of the three metrics.
 */
public class SplitSourceItems extends ProcessFunction<SourceItem, EmailEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    public static final String EMAIL_RECORDS = "emailRecords";
    public static final String SKIPPED_RECORDS = "skippedRecords";
    public static final String DEAD_LETTER_COUNT = "deadLetters";

    private transient Counter emails;
    private transient Counter skipped;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
        var metrics = getRuntimeContext().getMetricGroup();
        emails = metrics.counter(EMAIL_RECORDS);
        skipped = metrics.counter(SKIPPED_RECORDS);
        deadLetters = metrics.counter(DEAD_LETTER_COUNT);
    }

    @Override
    public void processElement(SourceItem item, Context context, Collector<EmailEvent> out) {
        if (item.email != null) {
            emails.inc();
            out.collect(item.email);
        } else if (item.deadLetter != null) {
            deadLetters.inc();
            context.output(DEAD_LETTERS, item.deadLetter);
        } else {
            skipped.inc(item.skippedRecords);
        }
    }
}
