package io.dkimtrend.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A seeded live feed of Defender messages with current Timestamps, sent at a steady rate: Event Hubs
 * envelopes of one to three emails, re-deliveries of a message sent before, records of another table
 * and truncated lines. It keeps the ground truth of what the broker acknowledged: per calendar day of
 * the zone, the distinct emails and their DKIM failures. The producer is idempotent and waits out a
 * broker that is down (it blocks instead of failing), so a crash loses nothing on this side.
 */
public final class LiveTraffic implements AutoCloseable {

    /** What was sent, counted when the broker acknowledged it. */
    public record Sent(long messages, long emails, long redeliveries, long otherTables, long badLines) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final ZoneId zone;
    private final Random random;
    private final long intervalMillis;
    private final Map<LocalDate, long[]> truth = new TreeMap<>();
    private final List<byte[]> sentEmails = new ArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong emails = new AtomicLong();
    private final AtomicLong redeliveries = new AtomicLong();
    private final AtomicLong otherTables = new AtomicLong();
    private final AtomicLong badLines = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread sender;
    private volatile boolean running = true;
    private long nextId;

    private LiveTraffic(String bootstrapServers, String topic, ZoneId zone, long seed, int messagesPerSecond) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(10 * 60_000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(10 * 60_000));
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.zone = zone;
        this.random = new Random(seed);
        this.intervalMillis = 1000L / messagesPerSecond;
        this.sender = new Thread(this::run, "live-traffic");
    }

    /** Starts sending {@code messagesPerSecond} messages a second to {@code topic}. */
    public static LiveTraffic start(String bootstrapServers, String topic, ZoneId zone, long seed, int messagesPerSecond) {
        LiveTraffic traffic = new LiveTraffic(bootstrapServers, topic, zone, seed, messagesPerSecond);
        traffic.sender.start();
        return traffic;
    }

    /** Stops sending and waits until every message sent is acknowledged; fails if any was not. */
    public Sent stop() throws Exception {
        running = false;
        sender.join(Duration.ofMinutes(11).toMillis());
        producer.flush();
        if (failure.get() != null) {
            throw new AssertionError("the live traffic could not send everything", failure.get());
        }
        return new Sent(messages.get(), emails.get(), redeliveries.get(), otherTables.get(), badLines.get());
    }

    /** Per day of the zone: distinct emails and DKIM failures, as {@code "emails dkimFail"}. */
    public synchronized Map<String, String> truth() {
        Map<String, String> days = new TreeMap<>();
        truth.forEach((day, counts) -> days.put(day.toString(), counts[0] + " " + counts[1]));
        return days;
    }

    private void run() {
        long next = System.currentTimeMillis();
        while (running && failure.get() == null) {
            int kind = random.nextInt(100);
            if (kind < 5 && !sentEmails.isEmpty()) {
                send(sentEmails.get(random.nextInt(sentEmails.size())), redeliveries, null);
            } else if (kind < 15) {
                send(bytes("{\"records\":[{\"category\":\"AdvancedHunting-EmailUrlInfo\",\"properties\":{\"Timestamp\":\""
                        + Instant.now() + "\",\"Url\":\"https://contoso.com/\"}}]}"), otherTables, null);
            } else if (kind < 20) {
                send(bytes("{\"records\":[{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timest"),
                        badLines, null);
            } else {
                List<Object[]> records = new ArrayList<>();
                StringBuilder message = new StringBuilder("{\"records\":[");
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    Instant at = Instant.now().minusMillis(random.nextInt(3000));
                    boolean fail = random.nextInt(10) == 0;
                    message.append(i == 0 ? "" : ",").append(record(at, fail, "soak-" + nextId++));
                    records.add(new Object[] {at.atZone(zone).toLocalDate(), fail});
                }
                byte[] bytes = bytes(message.append("]}").toString());
                send(bytes, null, records);
            }
            next += intervalMillis;
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void send(byte[] message, AtomicLong counter, List<Object[]> emailsOfMessage) {
        if (emailsOfMessage != null) {
            sentEmails.add(message);
        }
        producer.send(new ProducerRecord<>(topic, message), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
                return;
            }
            messages.incrementAndGet();
            if (counter != null) counter.incrementAndGet();
            if (emailsOfMessage != null) acknowledged(emailsOfMessage);
        });
    }

    private synchronized void acknowledged(List<Object[]> emailsOfMessage) {
        for (Object[] email : emailsOfMessage) {
            long[] counts = truth.computeIfAbsent((LocalDate) email[0], day -> new long[2]);
            counts[0]++;
            if ((Boolean) email[1]) counts[1]++;
            emails.incrementAndGet();
        }
    }

    private static String record(Instant at, boolean fail, String id) {
        return "{\"category\":\"AdvancedHunting-EmailEvents\",\"properties\":{\"Timestamp\":\"" + at
                + "\",\"AuthenticationDetails\":\"{\\\"DKIM\\\":\\\"" + (fail ? "fail" : "pass")
                + "\\\"}\",\"NetworkMessageId\":\"" + id + "\",\"RecipientEmailAddress\":\"soc@contoso.com\","
                + "\"SenderFromDomain\":\"contoso.com\"}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(10));
    }
}
