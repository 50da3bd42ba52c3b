package io.dkimtrend.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A single-node KRaft broker in a JVM of its own on 127.0.0.1, so that a test can crash it the way
 * production does ({@code kill -9}: no controlled shutdown, logs recovered at the next start) and
 * start it again on the same data and ports. Clients reach it through {@link #clients()}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final String bootstrapServers;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(Path dir, Path config, String bootstrapServers) {
        this.dir = dir;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats a broker's storage under {@code dir} and starts it; returns once it answers. */
    public static KafkaBrokerProcess start(Path dir) throws IOException {
        UnitSuiteGuard.refuse("a Kafka broker process");
        Files.createDirectories(dir);
        int[] ports = KafkaBroker.freePorts(2);
        Properties props = KafkaBroker.serverProperties(dir.resolve("data"), ports[0], ports[1]);
        Path config = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "single-node KRaft broker in its own process");
        }
        KafkaBroker.formatStorage(config);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, config, "127.0.0.1:" + ports[0]);
        broker.restart();
        return broker;
    }

    /** Starts the broker again on the same data and ports (after {@link #kill()}); returns once it answers. */
    public void restart() throws IOException {
        starts++;
        Path log = dir.resolve("broker-" + starts + ".log");
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Admin admin = KafkaBroker.createAdmin(bootstrapServers)) {
            KafkaBroker.awaitClusterAnswers(admin, bootstrapServers);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not start; its log is " + log, e);
        }
    }

    /** {@code kill -9}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A client of this broker: topics, producing, reading back. Closing it leaves the broker running. */
    public KafkaBroker clients() {
        return KafkaBroker.external(bootstrapServers);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
