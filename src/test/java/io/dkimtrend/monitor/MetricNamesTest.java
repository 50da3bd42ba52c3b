package io.dkimtrend.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One name per quantity: the metrics the job declares are the rows of the metrics table in
 * docs/monitoring.md, under the names of operators the job has. That each is exported under its name
 * and that the dashboard queries only exported ones is {@code MonitoringIT}, on a replay of the sample.
 */
class MetricNamesTest {

    private static final Path METRICS_PAGE = Path.of("docs", "monitoring.md");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);

    @Test
    void theDocumentedMetricsAreTheDeclaredOnes() throws Exception {
        assertThat(documented().keySet()).isEqualTo(declared());
    }

    @Test
    void eachConstantIsNamedAsItsMetric() throws Exception {
        for (Field field : MetricNames.class.getFields()) {
            String name = (String) field.get(null);
            assertThat(field.getName()).isEqualTo(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase());
        }
    }

    /** The operator of each row is one the job names (an operator renamed in the code leaves the table behind). */
    @Test
    void theDocumentedOperatorsAreTheJobs() throws Exception {
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                // the code, not its comments, which may name an operator too
                all.append(Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", ""));
            }
            sources = all.toString();
        }
        documented().forEach((metric, operator) ->
                assertThat(sources).as(metric + "'s operator \"" + operator + "\"").contains('"' + operator + '"'));
    }

    private static Set<String> declared() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : MetricNames.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    /** Metric to operator, from the table of the page's "Flink metrics" section. */
    private static Map<String, String> documented() throws IOException {
        String page = Files.readString(METRICS_PAGE);
        String section = page.substring(page.indexOf("## Flink metrics"), page.indexOf("\n## ", page.indexOf("## Flink metrics") + 1));
        Map<String, String> rows = new TreeMap<>();
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            rows.put(row.group(1), row.group(2).trim());
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
