package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dkimtrend.config.JobConfig;
import io.dkimtrend.testing.PrometheusExposition;
import io.dkimtrend.testing.SampleBundle;
import io.dkimtrend.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view stays true to the job: the metrics of a replay of the sample, as Flink's
 * Prometheus reporter exports them, are the ones docs/monitoring.md documents and the Grafana dashboard
 * in {@code deploy/monitoring} queries, under the names and labels the dashboard uses. (What needs
 * no run, the dashboard's queries and the reporter's configuration alone, is {@link MonitoringTest}.)
 */
class MonitoringIT {

    private static final Path DASHBOARD = Path.of("deploy", "monitoring", "grafana-dashboard.json");
    /** The page of the docs that describes the job's metrics. */
    private static final Path METRICS_PAGE = Path.of("docs", "monitoring.md");
    private static final String OPERATOR_SCOPE = "flink_taskmanager_job_task_operator_";
    private static final Pattern METRIC_NAME = Pattern.compile("flink_[A-Za-z0-9_]+");

    /** Flink's own operator metrics (FLIP-33 and the sinks' committer metrics), documented by Flink. */
    private static final Set<String> FLINK_OPERATOR_METRICS = Set.of(
            "numRecordsIn", "numRecordsInPerSecond", "numRecordsOut", "numRecordsOutPerSecond", "numRecordsInErrors",
            "numRecordsOutErrors", "numRecordsSend", "numRecordsSendErrors", "numBytesIn", "numBytesInPerSecond",
            "numBytesOut", "numBytesOutPerSecond", "numBytesSend", "currentInputWatermark", "currentOutputWatermark",
            "currentEmitEventTimeLag", "sourceIdleTime", "numLateRecordsDropped", "alreadyCommittedCommittables",
            "failedCommittables", "pendingCommittables", "retriedCommittables", "successfulCommittables",
            "totalCommittables");

    /** Metrics only a Kafka source registers (FLIP-33's consumer lag), which a replay of archives cannot show. */
    private static final Set<String> KAFKA_SOURCE_METRICS = Set.of(OPERATOR_SCOPE + "pendingRecords");

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            TestClusters.miniCluster(PrometheusExposition.addToConfiguration(new Configuration()));

    @TempDir
    static Path out;

    private static String exposition;

    @Test
    void everyMetricTheDashboardQueriesIsExportedUnderThatName() throws Exception {
        Set<String> exported = names(exposition());
        Set<String> queried = new TreeSet<>();
        for (String expression : expressions(new ObjectMapper().readTree(DASHBOARD.toFile()))) {
            Matcher name = METRIC_NAME.matcher(expression);
            while (name.find()) queried.add(name.group());
        }

        assertThat(queried).isNotEmpty();
        assertThat(queried).allSatisfy(name -> assertThat(exported.contains(name) || KAFKA_SOURCE_METRICS.contains(name))
                .as(name + " is exported").isTrue());
    }

    @Test
    void theDashboardSelectsTheJobByTheLabelValuePrometheusGivesIt() throws Exception {
        JsonNode variables = new ObjectMapper().readTree(DASHBOARD.toFile()).at("/templating/list");
        String job = null;
        for (JsonNode variable : variables) {
            if (variable.path("name").asText().equals("job_name")) job = variable.at("/current/value").asText();
        }

        assertThat(exposition()).contains("job_name=\"" + job + "\"");
    }

    @Test
    void everyMetricTheJobAddsIsDocumented() throws Exception {
        String page = Files.readString(METRICS_PAGE);
        Set<String> own = new TreeSet<>();
        for (String name : names(exposition())) {
            if (name.startsWith(OPERATOR_SCOPE) && !name.startsWith(OPERATOR_SCOPE + "split_")) {
                String metric = name.substring(OPERATOR_SCOPE.length());
                if (!FLINK_OPERATOR_METRICS.contains(metric)) own.add(metric);
            }
        }

        assertThat(own).contains("recordsRead", "emailRecords", "dkimFailRecords", "finalDayRecords");
        assertThat(own).allSatisfy(metric -> assertThat(page).as(METRICS_PAGE + " documents " + metric)
                .contains("| `" + metric + "` |"));
    }

    /** Once for the class, inside a test: the extension's cluster takes jobs from the first test on. */
    private static synchronized String exposition() throws Exception {
        if (exposition == null) {
            JobConfig config = JobConfig.fromArgs("--events", SampleBundle.EVENTS.toString(),
                    "--metrics-file", out.resolve("metrics").toString(), "--dead-letter-file", out.resolve("dead").toString());
            StreamExecutionEnvironment env = DkimTrendJob.build(config);
            // under the name the job gives itself, which the dashboard's default must be
            env.execute(DkimTrendJob.jobName(config, env.getConfiguration()));
            exposition = PrometheusExposition.text();
        }
        return exposition;
    }

    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher name = METRIC_NAME.matcher(line);
            if (name.lookingAt()) names.add(name.group());
        }
        return names;
    }

    private static Set<String> expressions(JsonNode dashboard) {
        Set<String> expressions = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        dashboard.findValues("definition").forEach(definition -> expressions.add(definition.asText()));
        return expressions;
    }
}
