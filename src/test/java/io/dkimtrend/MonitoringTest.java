package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the operator's view in {@code deploy/monitoring} must hold without a run: every dashboard
 * query tells the runs apart, and the Flink configuration names the reporter Flink ships. That the
 * metrics it queries are exported under those names is {@link MonitoringIT}, on a replay of the sample.
 */
class MonitoringTest {

    private static final Path DASHBOARD = Path.of("deploy", "monitoring", "grafana-dashboard.json");
    private static final Path FLINK_CONFIG = Path.of("deploy", "monitoring", "flink-metrics.yaml");

    /**
     * A backfill reports under a name of its own: no panel may add its counters to the live job's.
     * Only Prometheus queries have runs to tell apart: a PostgreSQL panel reads a table whose row is
     * the newest record of its day, whichever run wrote it (DeployManifestsTest checks that SQL
     * against the tables' DDL). Every other kind of query fails here, so none slips past the check.
     */
    @Test
    void everyQuerySelectsOneRunByItsJobName() throws Exception {
        Matcher selector = Pattern.compile("(flink_[A-Za-z0-9_]+)(\\{[^}]*})?").matcher("");
        List<String> prometheus = new ArrayList<>();
        for (JsonNode targets : new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("targets")) {
            for (JsonNode target : targets) {
                String type = target.at("/datasource/type").asText();
                switch (type) {
                    case "prometheus" -> prometheus.add(target.path("expr").asText());
                    case "grafana-postgresql-datasource" -> assertThat(target.path("rawSql").asText()).isNotBlank();
                    default -> throw new AssertionError("a query of data source type '" + type + "': " + target);
                }
            }
        }

        assertThat(prometheus).isNotEmpty().allSatisfy(expr -> {
            selector.reset(expr);
            assertThat(selector.find()).as(expr + " reads a metric").isTrue();
            do {
                assertThat(selector.group(2)).as(selector.group(1) + " in " + expr)
                        .isNotNull().contains("job_name=\"$job_name\"");
            } while (selector.find());
        });
    }

    @Test
    void theFlinkConfigurationNamesTheReporterFactoryFlinkShips() throws Exception {
        String config = Files.readString(FLINK_CONFIG);
        Matcher factory = Pattern.compile("metrics\\.reporter\\.prom\\.factory\\.class: (\\S+)").matcher(config);

        assertThat(factory.find()).isTrue();
        assertThat(Class.forName(factory.group(1)).getSimpleName()).isEqualTo("PrometheusReporterFactory");
    }
}
