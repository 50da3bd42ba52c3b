package io.dkimtrend.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.prometheus.PrometheusPushGatewayReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * The metrics of a cluster's jobs as Prometheus sees them. A metric reporter that keeps every
 * metric it is given, those of finished jobs included; {@link #text()} hands them to Flink's own
 * Prometheus reporter (its push-gateway form, which names and labels metrics exactly as the scraped
 * one does), which pushes them to an HTTP server on 127.0.0.1. What it pushed is the exposition.
 *
 * <p>Add it to a MiniCluster's configuration with {@link #addToConfiguration}.
 */
public final class PrometheusExposition implements MetricReporter {

    private record Registered(Metric metric, String name, MetricGroup group) {}

    private static final List<Registered> REGISTERED = new ArrayList<>();

    public static Configuration addToConfiguration(Configuration configuration) {
        configuration.setString("metrics.reporter.exposition.factory.class", Factory.class.getName());
        return configuration;
    }

    /** The exposition, in Prometheus' text format: {@code name{label="value",...} value} lines. */
    public static String text() throws Exception {
        List<String> pushed = new ArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                synchronized (pushed) {
                    pushed.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        gateway.start();
        try {
            MetricConfig config = new MetricConfig();
            config.setProperty("hostUrl", "http://127.0.0.1:" + gateway.getAddress().getPort());
            config.setProperty("jobName", "exposition");
            config.setProperty("deleteOnShutdown", "false");
            MetricReporter prometheus = new PrometheusPushGatewayReporterFactory().createMetricReporter(config);
            prometheus.open(config);
            synchronized (REGISTERED) {
                REGISTERED.forEach(r -> prometheus.notifyOfAddedMetric(r.metric(), r.name(), r.group()));
            }
            ((Scheduled) prometheus).report();
            prometheus.close();
        } finally {
            gateway.stop(0);
        }
        synchronized (pushed) {
            if (pushed.isEmpty()) {
                throw new IOException("the Prometheus reporter pushed nothing");
            }
            return String.join("\n", pushed);
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        synchronized (REGISTERED) {
            REGISTERED.add(new Registered(metric, name, group));
        }
    }

    /** Kept: a finished job's metrics are what the test reads. */
    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** Found by Flink through {@code META-INF/services}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new PrometheusExposition();
        }
    }
}
