package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dkimtrend.config.JobConfig;
import io.dkimtrend.model.Alert;
import io.dkimtrend.model.DayMetric;
import io.dkimtrend.model.DeadLetter;
import io.dkimtrend.model.LateEvent;
import io.dkimtrend.model.SourceItem;
import io.dkimtrend.parse.MessageParser;
import io.dkimtrend.source.PartitionWatermarks;
import io.dkimtrend.testing.TestClusters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DailySeriesPipeline} between sources and sinks of the test's own, as its javadoc promises:
 * a table of messages in, the day records, dead letters, late events and alerts out.
 *
 * <p>The messages go through the job's parser ({@link MessageParser}, on a fixed wall clock) into
 * {@link SourceItem}s, a bounded source of them stands in for Kafka or the archives, and collect
 * sinks take the four outputs. Event time is {@link PartitionWatermarks}, the sources' watermark
 * generator ({@code Sources.watermarks}), with the configured out-of-orderness; it emits after each
 * event rather than on Flink's periodic timer, and its clock stands still (no partition goes idle),
 * so that which email is late does not depend on how fast the test runs.
 *
 * <p>Inputs, one message a line: {@code email TIMESTAMP pass|fail NETWORK_MESSAGE_ID RECIPIENT}, a
 * flat Advanced Hunting row of sender contoso.com; {@code emails N DAY pass|fail}, N such rows
 * during that day; {@code text ANYTHING}, a message of that text. Outputs, in any order:
 * {@code metric SERIES DAY emails=N dkimFail=N final|running revN}, {@code dead REASON} (without
 * the detail after a colon), {@code late DAY TIMESTAMP}, {@code alert SERIES DAY METRIC STATUS
 * SEVERITY}. The pipeline runs at parallelism 2 unless the row's flags say otherwise.
 */
class DailySeriesPipelineIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.miniCluster();

    /** The parser's wall clock: later than every email of the table, so that none lies in the future. */
    private static final Clock READ_AT = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    /**
     * A bounded read of a Kafka topic (STREAMING; every day closes when the input ends), whose source
     * the test replaces. Running records follow the processing-time update interval: a day's interval
     * keeps them out of a test that takes seconds.
     */
    private static final String STREAMING = "--bootstrap-servers localhost:9092 --events-topic defender --bounded "
            + "--update-interval 1d";
    /** A replay's flags (BATCH): no input named is the demo, whose archive source the test replaces too. */
    private static final String REPLAY = "";

    /** Seven days of two passing emails, Monday 2026-11-02 to Sunday 2026-11-08: every weekday. */
    private static final String QUIET_WEEK = """
            emails 2 2026-11-02 pass
            emails 2 2026-11-03 pass
            emails 2 2026-11-04 pass
            emails 2 2026-11-05 pass
            emails 2 2026-11-06 pass
            emails 2 2026-11-07 pass
            emails 2 2026-11-08 pass
            """;
    private static final String QUIET_WEEK_RECORDS = """
            metric all 2026-11-02 emails=2 dkimFail=0 final rev1
            metric all 2026-11-03 emails=2 dkimFail=0 final rev1
            metric all 2026-11-04 emails=2 dkimFail=0 final rev1
            metric all 2026-11-05 emails=2 dkimFail=0 final rev1
            metric all 2026-11-06 emails=2 dkimFail=0 final rev1
            metric all 2026-11-07 emails=2 dkimFail=0 final rev1
            metric all 2026-11-08 emails=2 dkimFail=0 final rev1
            """;
    /** Alerts from a baseline of a week, on days of a few emails. */
    private static final String SMALL_ALERTS =
            " --baseline-days 7 --baseline-min-days 7 --alert-min-emails 1 --alert-min-failures 1";

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("a day's emails, a duplicate, an empty day between, a message that is no JSON", STREAMING, """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                email 2026-11-03T11:00:00Z pass m2 bob@fabrikam.com
                                email 2026-11-03T11:00:00Z pass m2 bob@fabrikam.com
                                text {"records":[
                                email 2026-11-05T09:00:00Z fail m3 cat@fabrikam.com
                                """, """
                                metric all 2026-11-03 emails=2 dkimFail=1 final rev1
                                metric all 2026-11-04 emails=0 dkimFail=0 final rev0
                                metric all 2026-11-05 emails=1 dkimFail=1 final rev1
                                dead not valid JSON
                                """),
                arguments("--no-dedup counts the duplicate", STREAMING + " --no-dedup", """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                email 2026-11-03T11:00:00Z pass m2 bob@fabrikam.com
                                email 2026-11-03T11:00:00Z pass m2 bob@fabrikam.com
                                """, """
                                metric all 2026-11-03 emails=3 dkimFail=1 final rev1
                                """),
                arguments("a record without Timestamp, and one more than --max-future-skew (1 d) ahead of the wall clock", STREAMING, """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                text {"NetworkMessageId":"m2","AuthenticationDetails":"{\\"DKIM\\":\\"fail\\"}"}
                                email 2026-12-03T10:00:00Z fail m3 bob@fabrikam.com
                                """, """
                                metric all 2026-11-03 emails=1 dkimFail=1 final rev1
                                dead record without Timestamp
                                dead Timestamp "2026-12-03T10:00:00Z" lies more than 1 d in the future
                                """),
                arguments("an email after its day's allowed lateness (6 h) is a late event", STREAMING, """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                email 2026-11-04T07:00:00Z pass m2 bob@fabrikam.com
                                email 2026-11-03T23:00:00Z fail m3 cat@fabrikam.com
                                """, """
                                metric all 2026-11-03 emails=1 dkimFail=1 final rev1
                                metric all 2026-11-04 emails=1 dkimFail=0 final rev1
                                late 2026-11-03 2026-11-03T23:00:00Z
                                """),
                arguments("within the out-of-orderness an email is on time", STREAMING + " --max-out-of-orderness 8h", """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                email 2026-11-04T07:00:00Z pass m2 bob@fabrikam.com
                                email 2026-11-03T23:00:00Z fail m3 cat@fabrikam.com
                                """, """
                                metric all 2026-11-03 emails=2 dkimFail=2 final rev1
                                metric all 2026-11-04 emails=1 dkimFail=0 final rev1
                                """),
                arguments("a replay (BATCH) has no late events: the same email counts", REPLAY, """
                                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                                email 2026-11-04T07:00:00Z pass m2 bob@fabrikam.com
                                email 2026-11-03T23:00:00Z fail m3 cat@fabrikam.com
                                text not json
                                """, """
                                metric all 2026-11-03 emails=2 dkimFail=2 final rev1
                                metric all 2026-11-04 emails=1 dkimFail=0 final rev1
                                dead not valid JSON
                                """),
                arguments("a spike of failures after a quiet week is confirmed", STREAMING + SMALL_ALERTS,
                        QUIET_WEEK + "emails 5 2026-11-09 fail\n",
                        QUIET_WEEK_RECORDS + """
                                metric all 2026-11-09 emails=5 dkimFail=5 final rev1
                                alert all 2026-11-09 dkimFail confirmed medium
                                alert all 2026-11-09 dkimFailRatio confirmed high
                                """),
                arguments("the same in a replay", REPLAY + SMALL_ALERTS,
                        QUIET_WEEK + "emails 5 2026-11-09 fail\n",
                        QUIET_WEEK_RECORDS + """
                                metric all 2026-11-09 emails=5 dkimFail=5 final rev1
                                alert all 2026-11-09 dkimFail confirmed medium
                                alert all 2026-11-09 dkimFailRatio confirmed high
                                """),
                arguments("three failures are no spike at --alert-threshold 3.5", STREAMING + SMALL_ALERTS,
                        QUIET_WEEK + "emails 2 2026-11-09 pass\nemails 3 2026-11-09 fail\n",
                        QUIET_WEEK_RECORDS + """
                                metric all 2026-11-09 emails=5 dkimFail=3 final rev1
                                alert all 2026-11-09 dkimFailRatio confirmed high
                                """),
                arguments("a day with fewer emails than --alert-min-emails never alerts",
                        STREAMING + SMALL_ALERTS + " --alert-min-emails 6",
                        QUIET_WEEK + "emails 5 2026-11-09 fail\n",
                        QUIET_WEEK_RECORDS + """
                                metric all 2026-11-09 emails=5 dkimFail=5 final rev1
                                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void runsThePipelineOnItsOwnInputs(String name, String flags, String inputs, String expected) throws Exception {
        assertOutputs(flags, inputs, expected);
    }

    /**
     * An email within the allowed lateness of a day that already closed corrects the day with a new
     * final record, as {@code --allowed-lateness} promises, also at the end of a bounded STREAMING
     * run: the window holds the correction for one update interval of processing time
     * ({@code EarlyUpdateTrigger}), the input ends first, and the correction must go out at the
     * cleanup of the day's window, not be dropped with it (it was: the email was in no day record
     * and no late event either). At parallelism 1 the order of events is fixed.
     */
    @Test
    void aCorrectionWithinTheAllowedLatenessOutlivesTheEndOfTheInput() throws Exception {
        assertOutputs(STREAMING + " --parallelism 1", """
                email 2026-11-03T10:00:00Z fail m1 ann@fabrikam.com
                email 2026-11-04T03:00:00Z pass m2 bob@fabrikam.com
                email 2026-11-03T23:00:00Z fail m3 cat@fabrikam.com
                """, """
                metric all 2026-11-03 emails=1 dkimFail=1 final rev1
                metric all 2026-11-03 emails=2 dkimFail=2 final rev2
                metric all 2026-11-04 emails=1 dkimFail=0 final rev1
                """);
    }

    private static void assertOutputs(String flags, String inputs, String expected) throws Exception {
        JobConfig config = JobConfig.fromArgs(flags.isBlank() ? new String[0] : flags.trim().split(" +"));
        assertThat(run(config, sourceItems(inputs, config))).containsExactlyInAnyOrderElementsOf(lines(expected));
    }

    /** The pipeline on a bounded source of the items, its four outputs collected and described. */
    private static List<String> run(JobConfig config, List<SourceItem> items) throws Exception {
        Configuration conf = new Configuration();
        // As the job's own environment sets them.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism > 0 ? config.parallelism : 2); // the MiniCluster's two slots
        env.setRuntimeMode(config.runsInBatch() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);

        DataStream<SourceItem> parsed = env.fromData(items, TypeInformation.of(SourceItem.class))
                .assignTimestampsAndWatermarks(watermarksOnEveryEvent(config));
        DailySeriesPipeline.Outputs outputs = DailySeriesPipeline.build(parsed, config);

        try (CloseableIterator<DayMetric> metrics = outputs.metrics().collectAsync();
                CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync();
                CloseableIterator<LateEvent> lateEvents = outputs.lateEvents().collectAsync();
                CloseableIterator<Alert> alerts = outputs.alerts().collectAsync()) {
            JobClient job = env.executeAsync("daily-series-pipeline");
            List<String> out = new ArrayList<>();
            drain(metrics, out, m -> "metric " + m.series + " " + m.day + " emails=" + m.emails + " dkimFail="
                    + m.dkimFail + (m.isFinal ? " final" : " running") + " rev" + m.revision);
            drain(deadLetters, out, d -> "dead " + d.reason.replaceFirst(": .*", ""));
            drain(lateEvents, out, l -> "late " + l.day + " " + l.timestamp);
            drain(alerts, out, a -> "alert " + a.series + " " + a.day + " " + a.metric + " " + a.status + " " + a.severity);
            job.getJobExecutionResult().get();
            return out;
        }
    }

    private static <T> void drain(CloseableIterator<T> records, List<String> out, Function<T, String> describe) {
        records.forEachRemaining(record -> out.add(describe.apply(record)));
    }

    /**
     * The sources' watermarks ({@link PartitionWatermarks} with the configured out-of-orderness and
     * idle timeout, event time from each row's Timestamp), emitted after every event, on a clock
     * that stands still.
     */
    private static WatermarkStrategy<SourceItem> watermarksOnEveryEvent(JobConfig config) {
        long outOfOrderness = config.maxOutOfOrderness.toMillis();
        long idleTimeout = config.idleTimeout.toMillis();
        return WatermarkStrategy.<SourceItem>forGenerator(context -> new EveryEvent<>(
                        new PartitionWatermarks<>(outOfOrderness, idleTimeout, () -> 0L)))
                .withTimestampAssigner((item, previous) -> item.eventTime());
    }

    /** A periodic generator asked for its watermark after each event, and never on Flink's timer. */
    private record EveryEvent<T>(WatermarkGenerator<T> periodic) implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTime, WatermarkOutput output) {
            periodic.onEvent(event, eventTime, output);
            periodic.onPeriodicEmit(output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** The table's messages, parsed by the job's parser as a source does. */
    private static List<SourceItem> sourceItems(String inputs, JobConfig config) {
        MessageParser parser = new MessageParser(config.maxMessageBytes, config.maxFutureSkew, READ_AT);
        List<SourceItem> items = new ArrayList<>();
        List<String> messages = messages(inputs);
        for (int i = 0; i < messages.size(); i++) {
            parser.parse(messages.get(i).getBytes(StandardCharsets.UTF_8), "table line " + (i + 1), items::add);
        }
        return items;
    }

    private static List<String> messages(String inputs) {
        List<String> messages = new ArrayList<>();
        for (String line : lines(inputs)) {
            String[] words = line.split(" ", 2);
            String[] fields = line.split(" +");
            switch (words[0]) {
                case "text" -> messages.add(words[1]);
                case "email" -> messages.add(row(fields[1], fields[2], fields[3], fields[4]));
                case "emails" -> {
                    LocalDate day = LocalDate.parse(fields[2]);
                    for (int n = 0; n < Integer.parseInt(fields[1]); n++) {
                        String timestamp = day.atTime(8 + n, 0).toInstant(ZoneOffset.UTC).toString();
                        messages.add(row(timestamp, fields[3], day + "-" + fields[3] + "-" + n, "user" + n + "@fabrikam.com"));
                    }
                }
                default -> throw new IllegalArgumentException("not an input of the table: " + line);
            }
        }
        return messages;
    }

    /** A flat Advanced Hunting EmailEvents row; AuthenticationDetails is JSON in a string, as Defender writes it. */
    private static String row(String timestamp, String dkim, String networkMessageId, String recipient) {
        String authentication = "{\\\"SPF\\\":\\\"pass\\\",\\\"DKIM\\\":\\\"" + dkim + "\\\",\\\"DMARC\\\":\\\"pass\\\"}";
        return "{\"Timestamp\":\"" + timestamp + "\",\"NetworkMessageId\":\"" + networkMessageId
                + "\",\"SenderFromDomain\":\"contoso.com\",\"RecipientEmailAddress\":\"" + recipient
                + "\",\"AuthenticationDetails\":\"" + authentication + "\"}";
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
