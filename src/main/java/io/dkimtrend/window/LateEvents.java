package io.dkimtrend.window;

import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.EmailEvent;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Accounts for an event that came after its day closed and the allowed lateness passed: it is not
 * counted, so it becomes a dead letter naming its day and origin (where its text can be found).
 */
public class LateEvents extends RichMapFunction<EmailEvent, DeadLetter> {

    public static final String LATE_EVENTS = "lateEvents";

    private final ZoneId zone;
    private transient Counter late;

    public LateEvents(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext context) {
        late = getRuntimeContext().getMetricGroup().counter(LATE_EVENTS);
    }

    @Override
    public DeadLetter map(EmailEvent email) {
        late.inc();
        DeadLetter letter = new DeadLetter();
        letter.reason = "late event: day " + CalendarDays.dayOf(email.eventTime, zone)
                + " had closed and its allowed lateness had passed";
        letter.origin = email.origin;
        letter.payload = "";
        return letter;
    }
}
