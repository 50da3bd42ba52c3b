package io.dkimtrend.dedup;

import static io.dkimtrend.model.DkimVerdict.FAIL;
import static io.dkimtrend.model.DkimVerdict.PASS;
import static io.dkimtrend.window.Emails.millis;
import static io.dkimtrend.window.Emails.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.model.EmailIdentity;
import io.dkimtrend.window.Emails;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every case runs on both state backends: the sweep removes entries while iterating a map. */
class DeduplicateEmailsTest {

    private static final long HORIZON = Duration.ofHours(48).toMillis();

    @TempDir
    Path rocksDir;

    private KeyedOneInputStreamOperatorTestHarness<Integer, EmailEvent, EmailEvent> harness;

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aReSentRowIsCountedOnce(String backend) throws Exception {
        open(backend);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T09:30:00Z", PASS, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|bob@x.com"));

        assertThat(identities()).containsExactly("m1|ann@x.com", "m1|bob@x.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void rowsWithoutIdentityAreAllCountedAndKeepNoState(String backend) throws Exception {
        open(backend);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, null));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, null));

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(bucketsWithState()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void anIdentityIsForgottenExactlyWhenTheWatermarkPassesTheHorizon(String backend) throws Exception {
        open(backend);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processWatermark(millis("2026-11-05T07:59:59.999Z"));
        harness.processElement(record("2026-11-03T09:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processWatermark(millis("2026-11-05T08:00:00Z"));
        harness.processElement(record("2026-11-03T10:00:00Z", FAIL, "m1|ann@x.com"));

        assertThat(harness.extractOutputValues()).extracting(email -> email.eventTime)
                .containsExactly(millis("2026-11-03T08:00:00Z"), millis("2026-11-03T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void theStateIsSweptWithinAQuarterHorizonOfTheExpiry(String backend) throws Exception {
        open(backend);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processWatermark(millis("2026-11-05T20:00:00Z"));
        assertThat(bucketsWithState()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aThousandIdentitiesOfADayInOneBucketShareAFewTimers(String backend) throws Exception {
        open(backend);
        long start = millis("2026-11-03T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            harness.processElement(sameBucket(i, start + i * 86_400L));
        }
        assertThat(harness.extractOutputValues()).hasSize(1000);
        // their expiries span a day; a sweep every 12 hours covers them with 3
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);

        harness.processWatermark(start + HORIZON + Duration.ofHours(13).toMillis());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(bucketsWithState()).isPositive();

        harness.processWatermark(start + HORIZON + Duration.ofHours(25).toMillis());
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(bucketsWithState()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aCopyBeyondTheHorizonCountsAgainWhateverTheState(String backend) throws Exception {
        open(backend);
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-05T08:00:00.001Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-06T08:00:00Z", FAIL, "m1|ann@x.com"));

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aBoundedRunDeduplicatesTheSameWithoutSweeps(String backend) throws Exception {
        open(backend, new DeduplicateEmails(HORIZON, false));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-04T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-05T08:00:00.001Z", FAIL, "m1|ann@x.com"));

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** The sweep grid: a quarter horizon (12 h), shifted by the bucket's share of it. */
    @ParameterizedTest(name = "expiry {0} in bucket {1} is swept at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-05T08:00:00Z | 0     | 2026-11-05T12:00:00Z
            2026-11-05T12:00:00Z | 0     | 2026-11-05T12:00:00Z
            2026-11-05T12:00:00Z | 32768 | 2026-11-05T18:00:00Z
            2026-11-05T19:00:00Z | 32768 | 2026-11-06T06:00:00Z
            2026-11-05T12:00:00Z | 16384 | 2026-11-05T15:00:00Z
            """)
    void sweepsFallOnAGridStaggeredByBucket(String expiry, int bucket, String sweep) {
        assertThat(new DeduplicateEmails(HORIZON).sweepAfter(millis(expiry), bucket)).isEqualTo(millis(sweep));
    }

    private static StreamRecord<EmailEvent> sameBucket(int i, long eventTime) {
        EmailEvent email = new EmailEvent();
        email.eventTime = eventTime;
        email.identityHigh = (7L << 48) | i;
        email.identityLow = i;
        return new StreamRecord<>(email, eventTime);
    }

    private void open(String backend) throws Exception {
        open(backend, new DeduplicateEmails(HORIZON));
    }

    private void open(String backend, DeduplicateEmails dedup) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(dedup), EmailIdentity.BUCKET, EmailIdentity.BUCKET_TYPE);
        if (backend.equals("rocksdb")) {
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
            rocksDb.setDbStoragePath(rocksDir.toString());
            harness.setStateBackend(rocksDb);
        }
        harness.open();
    }

    /** Also after a failed assertion: RocksDB's files and native memory go with the harness. */
    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private long bucketsWithState() throws Exception {
        try (var buckets = harness.getOperator().getKeyedStateBackend().getKeys("counted-at", VoidNamespace.INSTANCE)) {
            return buckets.count();
        }
    }

    private List<String> identities() {
        return harness.extractOutputValues().stream().map(Emails::identityOf).toList();
    }
}
