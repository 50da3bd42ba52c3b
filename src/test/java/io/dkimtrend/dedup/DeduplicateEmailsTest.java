package io.dkimtrend.dedup;

import static io.dkimtrend.model.DkimVerdict.FAIL;
import static io.dkimtrend.model.DkimVerdict.PASS;
import static io.dkimtrend.window.Emails.millis;
import static io.dkimtrend.window.Emails.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.dkimtrend.model.EmailEvent;
import io.dkimtrend.window.Emails;
import org.apache.flink.api.java.tuple.Tuple2;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEmailsTest {

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, Long>, EmailEvent, EmailEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeduplicateEmails(Duration.ofHours(48).toMillis())),
                EmailIdentity.KEY, EmailIdentity.KEY_TYPE);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aReSentRowIsCountedOnce() throws Exception {
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T09:30:00Z", PASS, "m1|ann@x.com"));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|bob@x.com"));

        assertThat(identities()).containsExactly("m1|ann@x.com", "m1|bob@x.com");
    }

    @Test
    void rowsWithoutIdentityAreAllCountedAndKeepNoState() throws Exception {
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, null));
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, null));

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anIdentityIsForgottenOnceTheWatermarkPassesTheHorizon() throws Exception {
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processWatermark(millis("2026-11-05T07:59:59Z"));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(millis("2026-11-05T08:00:00Z"));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCopyBeyondTheHorizonCountsAgainWhateverTheState() throws Exception {
        harness.processElement(record("2026-11-03T08:00:00Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-05T08:00:00.001Z", FAIL, "m1|ann@x.com"));
        harness.processElement(record("2026-11-06T08:00:00Z", FAIL, "m1|ann@x.com"));

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    private List<String> identities() {
        return harness.extractOutputValues().stream().map(Emails::identityOf).toList();
    }
}
