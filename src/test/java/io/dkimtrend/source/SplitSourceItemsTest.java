package io.dkimtrend.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SplitSourceItemsTest {

    private OneInputStreamOperatorTestHarness<SourceItem, EmailEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new SplitSourceItems(ZoneId.of("UTC"), Duration.ofHours(6))));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void emailsDeadLettersAndSkippedRecordsGoTheirWays() throws Exception {
        parse("{\"records\":[" + record("2026-11-03T10:00:00Z") + ",{\"category\":\"AdvancedHunting-EmailUrlInfo\"}]}");
        parse("not json");

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(SplitSourceItems.DEAD_LETTERS)).hasSize(1);
        assertThat(harness.getSideOutput(SplitSourceItems.LATE_EVENTS)).isNull();
    }

    @Test
    void anEmailBeyondTheAllowedLatenessIsALateEventWithItsDayAndText() throws Exception {
        harness.processWatermark(Instant.parse("2026-11-04T06:00:00Z").toEpochMilli());
        String late = record("2026-11-03T23:00:00Z");
        parse("{\"records\":[" + late + "," + record("2026-11-03T23:30:00Z").replace("2026-11-03T23:30", "2026-11-04T05:00") + "]}");

        assertThat(harness.extractOutputValues()).hasSize(1);
        List<LateEvent> lateEvents = new ArrayList<>();
        harness.getSideOutput(SplitSourceItems.LATE_EVENTS).forEach(r -> lateEvents.add(r.getValue()));
        assertThat(lateEvents).singleElement().satisfies(event -> {
            assertThat(event.day).isEqualTo("2026-11-03");
            assertThat(event.timestamp).isEqualTo("2026-11-03T23:00:00Z");
            assertThat(event.payload).isEqualTo(late);
            assertThat(event.origin).isEqualTo("events/1/42 record 0");
            assertThat(event.reason).startsWith("late event: day 2026-11-03 closed");
        });
    }

    @Test
    void withinTheAllowedLatenessAnEmailStillCounts() throws Exception {
        harness.processWatermark(Instant.parse("2026-11-04T05:59:59.998Z").toEpochMilli());
        parse(record("2026-11-03T23:00:00Z"));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    private void parse(String message) throws Exception {
        List<SourceItem> items = new ArrayList<>();
        new MessageParser().parse(message.getBytes(StandardCharsets.UTF_8), "events/1/42", items::add);
        for (SourceItem item : items) {
            harness.processElement(new StreamRecord<>(item, item.eventTime()));
        }
    }

    private static String record(String timestamp) {
        return "{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timestamp\":\"" + timestamp
                + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"fail\\\"}\",\"NetworkMessageId\":\"n\",\"RecipientEmailAddress\":\"r@x.com\"}}";
    }
}
