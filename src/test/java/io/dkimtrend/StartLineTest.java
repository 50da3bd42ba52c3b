package io.dkimtrend;

import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.config.JobConfig;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartLineTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "" | \
            dkim-trend starting: source the bundled sample events (BATCH); metrics to the table on stdout; \
            alerts to the table on stdout; dead letters to stderr; late events to stderr; zone UTC; \
            dedup by NetworkMessageId and recipient for 2 d; no checkpoints (BATCH); default parallelism
            --events /data --zone Europe/Berlin --metrics-file out/m --no-dedup --chart t.png --dead-letter-file out/d | \
            dkim-trend starting: source archives at file:///data (BATCH); metrics to files in file://HERE/out/m and a chart at HERE/t.png; \
            alerts to JSON on stdout; dead letters to files in file://HERE/out/d; late events to stderr; zone Europe/Berlin; \
            no dedup; no checkpoints (BATCH); default parallelism
            --bootstrap-servers kafka:9092 --events-topic e --metrics-topic m --alerts-topic a --dead-letter-topic d --late-events-topic l --checkpoint-dir file:///cp --parallelism 2 | \
            dkim-trend starting: source Kafka topic e at kafka:9092, group dkim-trend, from committed (STREAMING); \
            metrics to Kafka topic m; alerts to Kafka topic a; dead letters to Kafka topic d; \
            late events to Kafka topic l; zone UTC; dedup by NetworkMessageId and recipient for 2 d; \
            exactly-once checkpoints every 30 s in file:///cp; parallelism 2
            --bootstrap-servers kafka:9092 --events-topic e --starting-offsets earliest --bounded --dedup-horizon 6h | \
            dkim-trend starting: source Kafka topic e at kafka:9092, group dkim-trend, from earliest, \
            up to the latest offsets at start (STREAMING); metrics to the table on stdout; alerts to the table on stdout; \
            dead letters to stderr; late events to stderr; zone UTC; dedup by NetworkMessageId and recipient for 6 h; \
            exactly-once checkpoints every 30 s, not retained; default parallelism
            --bootstrap-servers kafka:9092 --events-topic e --from 2026-10-01 --until 2026-11-01 --metrics-topic m --alerts-file out/a | \
            dkim-trend starting: source Kafka topic e at kafka:9092, group dkim-trend, backfill of 2026-10-01 to 2026-10-31 (BATCH); \
            metrics to Kafka topic m; alerts to files in file://HERE/out/a; dead letters to stderr; late events to stderr; zone UTC; \
            dedup by NetworkMessageId and recipient for 2 d; no checkpoints (BATCH); default parallelism
            """)
    void namesSourcesSinksZoneDedupAndCheckpointing(String args, String expected) {
        JobConfig config = JobConfig.fromArgs(args.isBlank() ? new String[0] : args.split(" "));
        // A plain path is named as the absolute place it resolved to, where the job was built.
        assertThat(StartLine.of(config)).isEqualTo(expected.replace("HERE", Path.of("").toAbsolutePath().toString()));
    }
}
