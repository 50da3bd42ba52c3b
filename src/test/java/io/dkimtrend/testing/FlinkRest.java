package io.dkimtrend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * What Flink's REST API (and so its web UI) shows of a cluster and a job: every endpoint the web UI
 * reads for a job, its vertices and task managers, metric values included.
 */
public final class FlinkRest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public FlinkRest(Configuration clientConfiguration) {
        this.base = "http://" + clientConfiguration.get(RestOptions.ADDRESS) + ":" + clientConfiguration.get(RestOptions.PORT);
    }

    /** The body of a GET, or an empty string for a status other than 200. */
    public String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every endpoint about the cluster and the job, path to body (empty where not served). */
    public Map<String, String> everythingAbout(String jobId) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String path : List.of("/config", "/overview", "/jobmanager/config", "/jobmanager/environment",
                "/jobmanager/metrics", "/jobs/overview", "/taskmanagers")) {
            bodies.put(path, get(path));
        }
        String job = "/jobs/" + jobId;
        for (String path : List.of("", "/config", "/plan", "/exceptions", "/accumulators", "/checkpoints",
                "/checkpoints/config", "/jobmanager-config", "/jobmanager-environment", "/metrics", "/status")) {
            bodies.put(job + path, get(job + path));
        }
        withMetricValues(bodies, job + "/metrics");
        for (JsonNode vertex : json(bodies.get(job)).path("vertices")) {
            String path = job + "/vertices/" + vertex.path("id").asText();
            for (String sub : List.of("", "/accumulators", "/subtasks/accumulators", "/subtasktimes", "/taskmanagers",
                    "/watermarks", "/backpressure", "/metrics", "/subtasks/metrics")) {
                bodies.put(path + sub, get(path + sub));
            }
            withMetricValues(bodies, path + "/metrics");
        }
        for (JsonNode taskManager : json(bodies.get("/taskmanagers")).path("taskmanagers")) {
            String path = "/taskmanagers/" + taskManager.path("id").asText();
            bodies.put(path, get(path));
            bodies.put(path + "/metrics", get(path + "/metrics"));
            withMetricValues(bodies, path + "/metrics");
        }
        withMetricValues(bodies, "/jobmanager/metrics");
        return bodies;
    }

    /** Adds the values of every metric that a metrics endpoint lists by name. */
    private void withMetricValues(Map<String, String> bodies, String metricsPath) {
        List<String> names = new ArrayList<>();
        json(bodies.get(metricsPath)).forEach(metric -> names.add(metric.path("id").asText()));
        for (int from = 0; from < names.size(); from += 50) {
            String get = names.subList(from, Math.min(names.size(), from + 50)).stream()
                    .map(name -> java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                    .collect(Collectors.joining(","));
            bodies.put(metricsPath + "?get=" + from, get(metricsPath + "?get=" + get));
        }
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
