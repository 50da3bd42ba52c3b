package io.dkimtrend.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The database's password, kept off the command line like the Kafka credentials ({@link KafkaProperties}):
 * it comes from the environment variable {@value #ENVIRONMENT} or the line {@value #FILE_KEY} of the
 * {@code --kafka-properties} file, the environment winning. There is no flag for it, and a
 * {@code --jdbc-url} that carries one is refused without being quoted.
 */
public final class JdbcPassword {

    public static final String ENVIRONMENT = KafkaProperties.ENV_PREFIX + "JDBC_PASSWORD";
    public static final String FILE_KEY = "jdbc.password";

    private JdbcPassword() {}

    /** The password from the environment, else the properties file (may be null), else null. */
    static String read(Path file, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        if (file == null) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // KafkaProperties.readFile has read the same file before, and said what was wrong with it.
            throw new IllegalArgumentException("--kafka-properties: cannot read " + file);
        }
        return properties.getProperty(FILE_KEY);
    }

    /** Refuses a URL that is not PostgreSQL's or that carries a password, naming neither the URL nor the password. */
    static void checkUrl(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL URL: jdbc:postgresql://HOST:PORT/DATABASE");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=") || lower.contains("sslpassword=")) {
            throw new IllegalArgumentException("--jdbc-url must not carry a password: give it in " + ENVIRONMENT
                    + " or as " + FILE_KEY + " in --kafka-properties");
        }
    }
}
