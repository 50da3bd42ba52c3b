package io.dkimtrend.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties of the source ({@code kafka.*}) and of the sinks ({@code sink-kafka.*}),
 * gathered from three places, later ones winning: a properties file ({@code --kafka-properties}),
 * environment variables, the command line. The file and the environment keep credentials off the
 * command line, where {@code ps}, shell history and cluster UIs would show them.
 *
 * <p>Also the one place that knows which properties are secret, and keeps their values out of every
 * message the job writes: a property is secret when its name says password, secret, key, token,
 * credential or jaas ({@code sasl.jaas.config}, {@code ssl.key.password}, ...).
 */
public final class KafkaProperties {

    /** Prefix of the source's properties: {@code --kafka.x}, {@code kafka.x=} in the file. */
    public static final String SOURCE = "kafka.";
    /** Prefix of the sinks' properties: {@code --sink-kafka.x}, {@code sink-kafka.x=} in the file. */
    public static final String SINK = "sink-kafka.";
    /**
     * Environment variables: {@code DKIM_TREND_KAFKA_SASL_JAAS_CONFIG} is {@code kafka.sasl.jaas.config},
     * {@code DKIM_TREND_SINK_KAFKA_SASL_JAAS_CONFIG} is {@code sink-kafka.sasl.jaas.config}: the rest of
     * the name in lower case, underscores read as dots (no Kafka client property has an underscore).
     */
    public static final String ENV_PREFIX = "DKIM_TREND_";

    private static final String MASK = "****";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "key", "token", "credential", "jaas");

    private KafkaProperties() {}

    /** Whether a property's value is a credential, judged by its name. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** A property map that never shows secret values when printed. */
    public static final class Values extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            Map<String, String> shown = new LinkedHashMap<>();
            forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : value));
            return shown.toString();
        }
    }

    /**
     * Reads {@code kafka.*} and {@code sink-kafka.*} lines of a Java properties file into the maps.
     * Any other key is an error, named without its value.
     */
    public static void readFile(Path file, Map<String, String> source, Map<String, String> sink) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // The exception's text may quote a line of the file: only what kind of failure it was is shown.
            throw new IllegalArgumentException("--kafka-properties: cannot read " + file + " ("
                    + (e instanceof IOException ? Places.reason(e) : "not a properties file: a malformed \\u escape") + ")");
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(JdbcPassword.FILE_KEY)) {
                continue; // the database's password: JdbcPassword reads it
            }
            if (!put(key, properties.getProperty(key), source, sink)) {
                throw new IllegalArgumentException("--kafka-properties: " + file + " has the key " + key
                        + "; keys start with " + SOURCE + " (source) or " + SINK + " (sinks), or are " + JdbcPassword.FILE_KEY);
            }
        }
    }

    /** Reads the {@value #ENV_PREFIX}KAFKA_* and {@value #ENV_PREFIX}SINK_KAFKA_* variables into the maps. */
    public static void readEnvironment(Map<String, String> environment, Map<String, String> source,
            Map<String, String> sink) {
        environment.forEach((variable, value) -> {
            if (variable.startsWith(ENV_PREFIX)) {
                String key = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                key = key.startsWith("sink.kafka.") ? SINK + key.substring("sink.kafka.".length()) : key;
                put(key, value, source, sink);
            }
        });
    }

    /** Whether the key names a Kafka client property: {@code kafka.x} or {@code sink-kafka.x}. */
    public static boolean isProperty(String key) {
        return key.startsWith(SOURCE) && key.length() > SOURCE.length()
                || key.startsWith(SINK) && key.length() > SINK.length();
    }

    /** Puts a {@code kafka.x} or {@code sink-kafka.x} entry into its map; false for any other key. */
    public static boolean put(String key, String value, Map<String, String> source, Map<String, String> sink) {
        if (key.startsWith(SOURCE) && key.length() > SOURCE.length()) {
            source.put(key.substring(SOURCE.length()), value);
            return true;
        }
        if (key.startsWith(SINK) && key.length() > SINK.length()) {
            sink.put(key.substring(SINK.length()), value);
            return true;
        }
        return false;
    }

    /** The values of the secret {@code --kafka.*} and {@code --sink-kafka.*} flags of a command line. */
    public static List<String> secretValues(String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            String flag = args[i].replaceFirst("^--?", "");
            if ((flag.startsWith(SOURCE) || flag.startsWith(SINK)) && isSecret(flag)) {
                secrets.add(args[i + 1]);
            }
        }
        return secrets;
    }

    /** The text with each of the secret values (and each of their lines) replaced by a mask. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) continue;
            redacted = redacted.replace(secret, MASK);
            for (String line : secret.split("\\R")) {
                if (line.strip().length() >= 4) redacted = redacted.replace(line.strip(), MASK);
            }
        }
        return redacted;
    }
}
