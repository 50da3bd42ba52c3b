package io.dkimtrend.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for tests: one KRaft node acting as broker and controller, started inside the
 * test JVM on 127.0.0.1 with its data under {@code java.io.tmpdir}.
 *
 * <p>If the system property {@value #EXTERNAL_BOOTSTRAP_PROPERTY} is set, {@link #start()} wraps that
 * external broker instead; topic, produce and consume helpers work the same, start and close do nothing.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String EXTERNAL_BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    /** Embedded brokers currently running in this JVM; Exit procedures are overridden while it is > 0. */
    private static int runningEmbedded;

    private final String bootstrapServers;
    private final SaslSsl saslSsl;
    private final KafkaRaftServer server;
    private final Path rootDir;
    private final Duration startupTime;
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A listener that takes SASL/PLAIN over TLS, as Event Hubs and most managed Kafka services do:
     * its address, the PLAIN users it accepts (name to password), and its certificate.
     */
    public record SaslSsl(String bootstrapServers, Map<String, String> users, SelfSignedTls tls) {

        /** What a client needs to reach this listener as {@code user}: protocol, mechanism, JAAS login, trust store. */
        public Properties clientProperties(String user, String password) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("security.protocol", "SASL_SSL");
            props.put("sasl.mechanism", "PLAIN");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + user + "\" password=\"" + password + "\";");
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", tls.trustStore().toString());
            props.put("ssl.truststore.password", tls.trustStorePassword());
            return props;
        }
    }

    private KafkaBroker(String bootstrapServers, KafkaRaftServer server, Path rootDir, Duration startupTime,
            Admin admin) {
        this(bootstrapServers, null, server, rootDir, startupTime, admin);
    }

    private KafkaBroker(String bootstrapServers, SaslSsl saslSsl, KafkaRaftServer server, Path rootDir,
            Duration startupTime, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.saslSsl = saslSsl;
        this.server = server;
        this.rootDir = rootDir;
        this.startupTime = startupTime;
        this.admin = admin;
    }

    /**
     * Starts an embedded broker and waits until it answers, or wraps the external broker named by
     * {@value #EXTERNAL_BOOTSTRAP_PROPERTY}.
     */
    public static KafkaBroker start() {
        UnitSuiteGuard.refuse("a Kafka broker");
        String external = System.getProperty(EXTERNAL_BOOTSTRAP_PROPERTY);
        if (external != null && !external.isBlank()) {
            return external(external.trim());
        }
        return startEmbedded(null);
    }

    /**
     * Starts an embedded broker with one more listener, SASL_SSL on 127.0.0.1, that accepts the given
     * PLAIN users (name to password) with a self-signed certificate; the plain listener stays for the
     * helpers of this class. Always embedded: an external broker's users are not known here.
     */
    public static KafkaBroker startWithSaslSsl(Map<String, String> users) {
        UnitSuiteGuard.refuse("a Kafka broker");
        return startEmbedded(users);
    }

    private static KafkaBroker startEmbedded(Map<String, String> saslUsers) {
        RuntimeException lastFailure = null;
        // Free ports are picked by binding port 0 and releasing it, so another process can take one
        // before the broker binds it; such a race is retried with new ports.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startEmbeddedOnce(saslUsers);
            } catch (RuntimeException e) {
                if (!causedByBindFailure(e)) {
                    throw e;
                }
                lastFailure = e;
                LOG.warn("Kafka broker could not bind its ports (attempt {} of {}), retrying", attempt,
                        START_ATTEMPTS, e);
            }
        }
        throw lastFailure;
    }

    /** Wraps an already running broker; {@link #close()} leaves it running. */
    public static KafkaBroker external(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers, null, null, Duration.ZERO, createAdmin(bootstrapServers));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL_SSL listener of a broker started with {@link #startWithSaslSsl}, or null. */
    public SaslSsl saslSsl() {
        return saslSsl;
    }

    /** How long the embedded broker took from formatting its storage to answering; zero if external. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isEmbedded() {
        return server != null;
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        await(admin.createTopics(List.of(topic)).all(), "creating topic " + name);

        long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
        while (true) {
            TopicDescription description = null;
            try {
                description = admin.describeTopics(List.of(name)).topicNameValues().get(name)
                        .get(OPERATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Just after creation the metadata may not have reached the broker yet: ask again.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Failed describing topic " + name + ": " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException | InterruptedException e) {
                throw new IllegalStateException("Failed describing topic " + name, e);
            }
            boolean ready = description != null && description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + name + " has no leader for all " + partitions
                        + " partitions after " + OPERATION_TIMEOUT.toSeconds() + " s: " + description);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /**
     * Writes the values with null keys, value i to partition i % partitions, so that records spread
     * over all partitions in the order given; waits until all are acknowledged by the broker.
     */
    public void produce(String topic, List<byte[]> values) {
        produce(topic, values, null);
    }

    /** As {@link #produce(String, List)}, with the record timestamps given (null: the broker's time). */
    public void produce(String topic, List<byte[]> values, List<Long> timestamps) {
        produce(topic, values, timestamps, -1);
    }

    /** Writes every value to the one partition given, in order. */
    public void produceTo(String topic, int partition, List<byte[]> values) {
        produce(topic, values, null, partition);
    }

    private void produce(String topic, List<byte[]> values, List<Long> timestamps, int onePartition) {
        Properties props = clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Test messages may exceed Kafka's 1 MB default (up to 50 MB for the limit tests); the topic
        // must allow them too (max.message.bytes).
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(64 * 1024 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            int partitions = producer.partitionsFor(topic).size();
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Long timestamp = timestamps == null ? null : timestamps.get(i);
                int partition = onePartition >= 0 ? onePartition : i % partitions;
                acks.add(producer.send(new ProducerRecord<>(topic, partition, timestamp, null, values.get(i))));
            }
            producer.flush();
            long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                await(ack, deadline - System.nanoTime(), "producing to " + topic);
            }
        }
    }

    /**
     * Reads a topic from the beginning with a fresh consumer group until no new record arrived for
     * {@code quietPeriod} (counted from the moment partitions were assigned) or {@code timeout} passed.
     */
    public List<ConsumerRecord<String, String>> consumeAll(String topic, boolean readCommitted, Duration quietPeriod,
            Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readerProperties(readCommitted))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastProgress = -1; // set once partitions are assigned, so joining the group is not "quiet"
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    lastProgress = now;
                } else if (lastProgress < 0) {
                    if (!consumer.assignment().isEmpty()) {
                        lastProgress = now;
                    }
                } else if (now - lastProgress >= quietPeriod.toNanos()) {
                    break;
                }
            }
        }
        return records;
    }

    /**
     * Reads a topic from the beginning until what was read satisfies {@code done}, or the timeout
     * passes; returns everything read either way, for the caller to assert on.
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, boolean readCommitted,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readerProperties(readCommitted))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Limits every consumer without a quota of its own to {@code bytesPerSecond} (a broker-side
     * client quota), so that a test can act while a job is still reading; {@code 0} lifts it.
     */
    public void throttleConsumers(long bytesPerSecond) {
        ClientQuotaEntity everyClient = new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.CLIENT_ID, null));
        ClientQuotaAlteration.Op op = new ClientQuotaAlteration.Op("consumer_byte_rate",
                bytesPerSecond > 0 ? (double) bytesPerSecond : null);
        await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(everyClient, List.of(op)))).all(),
                "setting the consumer quota");
    }

    /** A consumer of its own group that reads a topic from its beginning, as text. */
    private Properties readerProperties(boolean readCommitted) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** Client settings to reach this broker: {@code bootstrap.servers} only. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Stops an embedded broker and deletes its files; does nothing for an external broker. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(5));
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                releaseExitProcedures();
                deleteRecursively(rootDir);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers + (isEmbedded() ? ", embedded" : ", external") + "]";
    }

    private static KafkaBroker startEmbeddedOnce(Map<String, String> saslUsers) {
        long started = System.nanoTime();
        Path rootDir = createTempDirectory();
        KafkaRaftServer server = null;
        Admin admin = null;
        boolean exitProceduresInstalled = false;
        try {
            int[] ports = freePorts(3);
            String bootstrapServers = HOST + ":" + ports[0];
            Properties props = serverProperties(rootDir.resolve("data"), ports[0], ports[1]);
            SaslSsl saslSsl = null;
            if (saslUsers != null) {
                saslSsl = new SaslSsl(HOST + ":" + ports[2], Map.copyOf(saslUsers), SelfSignedTls.create(rootDir));
                addSaslSslListener(props, saslSsl);
            }
            Path configFile = rootDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(configFile)) {
                props.store(writer, "single-node KRaft broker for tests");
            }
            formatStorage(configFile);

            installExitProcedures();
            exitProceduresInstalled = true;
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();

            admin = createAdmin(bootstrapServers);
            awaitClusterAnswers(admin, bootstrapServers);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Kafka broker on {} ready in {} ms, data in {}", bootstrapServers, startupTime.toMillis(), rootDir);
            return new KafkaBroker(bootstrapServers, saslSsl, server, rootDir, startupTime, admin);
        } catch (Exception e) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (exitProceduresInstalled) {
                releaseExitProcedures();
            }
            deleteRecursively(rootDir);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not start the Kafka broker", e);
        }
    }

    static Properties serverProperties(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        // Internal topics default to replication factor 3 (min ISR 2): on a single node they could never
        // be created, and consumer groups and transactions would hang waiting for them.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each by default; one is plenty for tests and is created much faster.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // The default dedupe buffer takes 128 MiB of the test JVM's heap.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        return props;
    }

    /** A SASL_SSL listener with PLAIN users; the JAAS login sits in the listener's own property, so no JVM-wide file. */
    private static void addSaslSslListener(Properties props, SaslSsl saslSsl) {
        String listener = "SASL_SSL://" + saslSsl.bootstrapServers();
        props.put("listeners", props.getProperty("listeners") + "," + listener);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + listener);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        props.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN");
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        saslSsl.users().forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        props.put("listener.name.sasl_ssl.plain.sasl.jaas.config", jaas.append(';').toString());
        props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        props.put("listener.name.sasl_ssl.ssl.keystore.location", saslSsl.tls().keyStore().toString());
        props.put("listener.name.sasl_ssl.ssl.keystore.password", saslSsl.tls().keyStorePassword());
        props.put("listener.name.sasl_ssl.ssl.key.password", saslSsl.tls().keyStorePassword());
    }

    /** What {@code kafka-storage.sh format --standalone} does: writes meta.properties and the bootstrap metadata. */
    static void formatStorage(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()
            }, out);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed with exit code " + exitCode + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    static void awaitClusterAnswers(Admin admin, String bootstrapServers) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers + " did not answer describeCluster within "
                + STARTUP_TIMEOUT.toSeconds() + " s", lastFailure);
    }

    /**
     * A fatal broker error calls Kafka's {@link Exit}, which by default ends the JVM: that would kill the
     * surefire fork without a report. While a broker runs, exit and halt throw instead.
     */
    private static synchronized void installExitProcedures() {
        if (runningEmbedded++ == 0) {
            Exit.setExitProcedure((code, message) -> {
                throw new IllegalStateException("Kafka called Exit.exit(" + code + ", " + message
                        + ") inside the test JVM");
            });
            Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("Kafka called Exit.halt(" + code + ", " + message
                        + ") inside the test JVM");
            });
        }
    }

    private static synchronized void releaseExitProcedures() {
        if (--runningEmbedded == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    static Admin createAdmin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }

    /** Ports bound together and released together, so the same port is not handed out twice. */
    static int[] freePorts(int count) throws IOException {
        InetAddress loopback = InetAddress.getByName(HOST);
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("kafka-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete Kafka broker directory {}", dir, e);
        }
    }

    private static <T> T await(Future<T> future, String what) {
        return await(future, OPERATION_TIMEOUT.toNanos(), what);
    }

    private static <T> T await(Future<T> future, long timeoutNanos, String what) {
        try {
            return future.get(Math.max(timeoutNanos, 0), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out " + what + " after " + OPERATION_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted " + what, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
